import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '@cadenza/server/platform/config';
import { AccessTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens.js';
import type { Principal } from './request-context.js';

/** Passport's bearer-token strategy: a valid, unexpired access token becomes the request's principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AuthConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given a string, the JWT library would try to parse it as a public key on every request.
      secretOrKey: createSecretKey(Buffer.from(config.secret)) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: Parameters<typeof AccessTokens.principalOf>[0]): Principal {
    return AccessTokens.principalOf(claims);
  }
}
