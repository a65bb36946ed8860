import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AuthConfig } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';
import type { Principal } from './request-context.js';
import { RevokedSessions } from './revoked-sessions.js';

export const TOKEN_ISSUER = 'cadenza';
export const TOKEN_AUDIENCE = 'cadenza-api';
/** Tokens kept once verified, at most; a full cache starts again empty. */
const VERIFIED_LIMIT = 10_000;

interface Claims {
  sub: string;
  sch: string;
  sid: string;
  roles: string[];
  sgl: boolean;
}

/** Short-lived access tokens (JWT, HS256) carrying the principal; refresh tokens live in the identity context. */
@Injectable()
export class AccessTokens {
  private readonly key: KeyObject;
  /**
   * Tokens this process has verified, with what they carry. A token's claims cannot change (they are signed),
   * so a known token only needs its expiry checked again. Bounded, and never holds an invalid token.
   */
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly config: AuthConfig,
    private readonly clock: Clock,
    private readonly revoked: RevokedSessions,
  ) {
    this.key = createSecretKey(Buffer.from(config.secret));
  }

  issue(principal: Principal): { token: string; expiresAt: Date } {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const exp = nowSeconds + this.config.accessTokenTtlSeconds;
    const claims: Claims & { iat: number; exp: number } = {
      sub: principal.userId,
      sch: principal.schoolId,
      sid: principal.sessionId,
      roles: principal.roles,
      sgl: principal.safeguardingLead,
      iat: nowSeconds,
      exp,
    };
    const token = jwt.sign(claims, this.key, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * Verifies a token (HS256, issuer, audience, expiry, against this process's clock, and that its session has not
   * ended since it was issued): its principal and expiry, or null when it is not valid. Used by the REST strategy
   * and the socket handshake alike.
   */
  verify(token: string): { principal: Principal; expiresAt: Date } | null {
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt.getTime() > now.getTime() && !this.revoked.refuses(known.principal.sessionId, known.issuedAt)) return copyOf(known);
      this.verified.delete(token);
      return null;
    }
    const checked = this.check(token, now);
    if (!checked || this.revoked.refuses(checked.principal.sessionId, checked.issuedAt)) return null;
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
    this.verified.set(token, checked);
    return copyOf(checked);
  }

  private check(token: string, now: Date): Verified | null {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
      if (typeof claims === 'string' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || !isClaims(claims)) return null;
      return { principal: AccessTokens.principalOf(claims), expiresAt: new Date(claims.exp * 1000), issuedAt: new Date(claims.iat * 1000) };
    } catch {
      return null;
    }
  }

  /** The principal carried by verified claims. */
  static principalOf(claims: Claims): Principal {
    return { userId: claims.sub, schoolId: claims.sch, sessionId: claims.sid, roles: claims.roles, safeguardingLead: claims.sgl };
  }
}

interface Verified {
  principal: Principal;
  expiresAt: Date;
  issuedAt: Date;
}

/** A copy for the caller, so that nothing a request does to its principal reaches the cache. */
function copyOf(entry: { principal: Principal; expiresAt: Date }): { principal: Principal; expiresAt: Date } {
  return { principal: { ...entry.principal, roles: [...entry.principal.roles] }, expiresAt: new Date(entry.expiresAt.getTime()) };
}

function isClaims(value: Record<string, unknown>): value is Record<string, unknown> & Claims {
  return (
    typeof value['sub'] === 'string' &&
    typeof value['sch'] === 'string' &&
    typeof value['sid'] === 'string' &&
    Array.isArray(value['roles']) &&
    value['roles'].every((r) => typeof r === 'string') &&
    typeof value['sgl'] === 'boolean'
  );
}
