import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { AccessTokens } from './access-tokens.js';
import type { Principal } from './request-context.js';

type Verified = (error: unknown, principal?: Principal | null) => void;

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or null. */
export function bearerToken(request: Pick<Request, 'headers'>): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^(\S+)\s+(\S+)$/.exec(header.trim());
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : null;
}

/**
 * A passport strategy for bearer access tokens: hands the token to its verify callback and
 * authenticates the principal it answers, or fails with 401.
 */
class BearerTokenStrategy extends passport.Strategy {
  constructor(private readonly check: (token: string, done: Verified) => void) {
    super();
  }

  override authenticate(request: Request): void {
    const token = bearerToken(request);
    if (!token) return this.fail(401);
    this.check(token, (error, principal) => {
      if (error) this.error(error);
      else if (principal) this.success(principal);
      else this.fail(401);
    });
  }
}

/**
 * Passport's bearer-token strategy: a valid, unexpired access token becomes the request's principal. It checks
 * tokens through `AccessTokens.verify`, as the socket handshake does, so both agree on what is valid, and both
 * reuse a token already verified (every request carries one, and HMAC-checking it each time was a visible
 * share of a request's work).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(private readonly tokens: AccessTokens) {
    super();
  }

  validate(token: string): Principal | null {
    return this.tokens.verify(token)?.principal ?? null;
  }
}
