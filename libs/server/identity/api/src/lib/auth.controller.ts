import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RefreshSession, RequestPasswordReset, ResetPassword, SignOut, type SignedIn } from '@cadenza/server/identity/domain';
import { AuthConfig, HttpConfig } from '@cadenza/server/platform/config';
import { AccessTokens, Public, assertSameSiteRequest, clientIp, validate } from '@cadenza/server/platform/http';
import { PasswordResetConfirm, PasswordResetRequest, REFRESH_COOKIE, type Session } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';
import { LoginGuard } from './login.guard.js';
import { presentMe } from './presenters.js';

const COOKIE_PATH = '/api/v1/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly refresh: RefreshSession,
    private readonly signOut: SignOut,
    private readonly requestReset: RequestPasswordReset,
    private readonly resetPassword: ResetPassword,
    private readonly auth: AuthConfig,
    private readonly http: HttpConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public('Signing in is how a caller gets credentials.')
  @UseGuards(LoginGuard)
  @ApiBody({ schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } } })
  @ApiOkResponse({ description: 'Signed in: an access token in the body, the refresh token in an httpOnly cookie.' })
  login(@Req() request: Request & { user: SignedIn }, @Res({ passthrough: true }) response: Response): Session {
    return this.startSession(request.user, response);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('Authenticated by the refresh cookie, not a bearer token; CSRF-checked.')
  async refreshSession(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Session> {
    assertSameSiteRequest(request, this.http.publicUrl);
    const token = this.cookieOf(request);
    if (!token) {
      throw new DomainError('IDENTITY.SESSION_ENDED', 'unauthenticated', 'Your session has ended. Sign in again.');
    }
    try {
      const signedIn = await this.refresh.execute({ refreshToken: token, ip: clientIp(request), userAgent: request.header('user-agent') ?? null });
      return this.startSession(signedIn, response);
    } catch (error) {
      this.clearCookie(response);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Public('Authenticated by the refresh cookie; ends that session. CSRF-checked.')
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    assertSameSiteRequest(request, this.http.publicUrl);
    const token = this.cookieOf(request);
    if (token) {
      await this.signOut.execute({ refreshToken: token });
    }
    this.clearCookie(response);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public('Anyone may ask; the answer is the same whether or not the email has an account.')
  async askForReset(@Body(validate(PasswordResetRequest)) body: PasswordResetRequest): Promise<void> {
    await this.requestReset.execute(body);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Public('Authenticated by the token from the reset mail; throttled per address.')
  async confirmReset(@Req() request: Request, @Body(validate(PasswordResetConfirm)) body: PasswordResetConfirm): Promise<void> {
    await this.resetPassword.execute({ ...body, ip: clientIp(request) });
  }

  private startSession(signedIn: SignedIn, response: Response): Session {
    const { user, school, refreshToken, session } = signedIn;
    const access = this.tokens.issue({
      userId: user.id,
      schoolId: user.schoolId,
      roles: [...user.roles],
      safeguardingLead: user.snapshot().safeguardingLead,
      sessionId: session.familyId,
    });
    response.cookie(REFRESH_COOKIE, refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.auth.secureCookies,
      path: COOKIE_PATH,
      maxAge: session.expiresAt.getTime() - session.lastUsedAt.getTime(),
    });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), me: presentMe(user, school) };
  }

  private cookieOf(request: Request): string | undefined {
    const value = (request.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }

  private clearCookie(response: Response): void {
    response.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.auth.secureCookies, path: COOKIE_PATH });
  }
}
