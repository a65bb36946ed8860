import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { SignIn, type SignedIn } from '@cadenza/server/identity/domain';
import { clientIp, validate } from '@cadenza/server/platform/http';
import { LoginRequest } from '@cadenza/shared/contracts';

/** Passport's email-and-password strategy, backed by the SignIn use case. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly signIn: SignIn) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: Request): Promise<SignedIn> {
    const body = validate(LoginRequest).transform(request.body, { type: 'body' });
    return this.signIn.execute({ email: body.email, password: body.password, ip: clientIp(request), userAgent: request.header('user-agent') ?? null });
  }
}
