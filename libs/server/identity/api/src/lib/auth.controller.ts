import { Body, Controller, HttpCode, Optional, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RefreshSession, RequestPasswordReset, ResetPassword, SignOut, type SignedIn } from '@cadenza/server/identity/domain';
import { AuthConfig, HttpConfig } from '@cadenza/server/platform/config';
import { AccessTokens, Endpoint, Public, assertSameSiteRequest, clientIp, validate } from '@cadenza/server/platform/http';
import { PasswordResetConfirm, PasswordResetRequest, REFRESH_COOKIE, Session, LoginRequest } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';
import { LoginGuard } from './login.guard.js';
import { PasswordResetMails } from './password-reset-mails.js';
import { presentMe } from './presenters.js';

const COOKIE_PATH = '/api/v1/auth';
const THROTTLED = { status: 429, code: 'IDENTITY.TOO_MANY_LINK_ATTEMPTS', when: 'Too many attempts with emailed links from this address; wait and try again.' } as const;
const CSRF_REFUSED = { status: 403, code: 'ACCESS.CSRF', when: 'The CSRF header is missing or the request came from another site.' } as const;

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
    /** Absent in a one-off step without background work: the queued request then waits for the api's sender. */
    @Optional() private readonly resetMails?: PasswordResetMails,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public('Signing in is how a caller gets credentials.')
  @UseGuards(LoginGuard)
  @Endpoint({ summary: 'Sign in', description: 'Answers an access token in the body and sets the refresh token in an httpOnly cookie.', body: LoginRequest, response: Session, problems: [{ status: 401, code: 'IDENTITY.INVALID_CREDENTIALS', when: 'The email and password do not match an account.' }, { status: 429, code: 'IDENTITY.TOO_MANY_ATTEMPTS', when: 'Too many attempts for this account or address; wait and try again.' }] })
  login(@Req() request: Request & { user: SignedIn }, @Res({ passthrough: true }) response: Response): Session {
    return this.startSession(request.user, response);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('Authenticated by the refresh cookie, not a bearer token; CSRF-checked.')
  @Endpoint({ summary: 'Refresh the session', description: 'Rotates the refresh cookie and answers a new access token. Needs the `x-cadenza-csrf: 1` header and a same-origin `Origin`.', response: Session, problems: [{ status: 401, code: 'IDENTITY.SESSION_ENDED', when: 'No refresh cookie, or the session ended.' }, CSRF_REFUSED] })
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
  @Endpoint({ summary: 'Sign out', description: 'Ends the session of the refresh cookie. Needs the `x-cadenza-csrf: 1` header.', response: null, problems: [CSRF_REFUSED] })
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
  @Public('Anyone may ask; the answer is the same, as fast, whether or not the email has an account; throttled per email and per address.')
  @Endpoint({
    summary: 'Ask for a password-reset email',
    description: 'Queues the request and answers at once: the same answer, after the same work, whether or not the email has an account. The mail is sent in the background.',
    response: null,
    problems: [{ status: 429, code: 'IDENTITY.TOO_MANY_RESET_REQUESTS', when: 'Asked too often for this email or from this address; wait and try again.' }],
  })
  async askForReset(@Req() request: Request, @Body(validate(PasswordResetRequest)) body: PasswordResetRequest): Promise<void> {
    await this.requestReset.execute({ ...body, ip: clientIp(request) });
    this.resetMails?.request();
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Public('Authenticated by the token from the reset mail; throttled per address.')
  @Endpoint({ summary: 'Set a new password with the emailed token', response: null, problems: [{ status: 410, code: 'IDENTITY.RESET_EXPIRED', when: 'The link expired or was used.' }, THROTTLED] })
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
