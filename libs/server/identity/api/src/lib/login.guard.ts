import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { validate } from '@cadenza/server/platform/http';
import { LoginRequest } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';

/** Validates the body first (400 naming the field), then lets passport-local check the password. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    validate(LoginRequest).transform(context.switchToHttp().getRequest<Request>().body, { type: 'body' });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new DomainError('IDENTITY.INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is not right.');
    return user;
  }
}
