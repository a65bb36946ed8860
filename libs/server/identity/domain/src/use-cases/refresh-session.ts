import { AuditTrail, Clock, DomainError, MINUTE, UnitOfWork } from '@cadenza/shared/kernel';
import { newRefreshToken } from '../model/session.js';
import { RefreshTokenRepository, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';
import type { SignedIn } from './sign-in.js';

/**
 * How long a just-replaced refresh token still answers with its successor: two tabs or a
 * retry that refresh at the same moment both get the same new token instead of ending the
 * session as a reuse.
 */
export const REPLACED_TOKEN_GRACE_MS = 10_000;

const SESSION_ENDED = () => new DomainError('IDENTITY.SESSION_ENDED', 'unauthenticated', 'Your session has ended. Sign in again.');

/**
 * Trades a refresh token for a new one in the same family: its successor, which only
 * the server can compute from it. A token presented again within a few seconds of being
 * replaced gets the same successor (two refreshes at once); presented later, it revokes
 * the whole family: whoever holds either copy must sign in again. Idle sessions (past
 * the school's idle timeout) end too.
 */
export class RefreshSession {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policy: { refreshTokenTtlDays: number },
  ) {}

  async execute(input: { refreshToken: string; ip: string; userAgent: string | null }): Promise<SignedIn> {
    const now = this.clock.now();
    const outcome = await this.uow.run(async () => {
      const current = await this.tokens.byHashForUpdateAcrossSchools(this.secrets.digest(input.refreshToken));
      if (!current || current.revokedAt) {
        return { ended: true as const };
      }
      if (current.replacedAt && now.getTime() - current.replacedAt.getTime() <= REPLACED_TOKEN_GRACE_MS) {
        const refreshToken = this.secrets.successor(input.refreshToken);
        const session = await this.tokens.byHashForUpdateAcrossSchools(this.secrets.digest(refreshToken));
        const user = await this.users.byIdAcrossSchools(current.userId);
        const school = await this.schools.byIdAcrossSchools(current.schoolId);
        if (session && !session.revokedAt && session.familyId === current.familyId && user && school) {
          return { ended: false as const, signedIn: { user, school, refreshToken, session } };
        }
      }
      if (current.replacedAt) {
        await this.tokens.revokeFamily(current.familyId, now);
        await this.audit.record({
          schoolId: current.schoolId,
          actorId: current.userId,
          action: 'identity.session.reuse_detected',
          entityType: 'session',
          entityId: current.familyId,
        });
        return { ended: true as const };
      }
      const user = await this.users.byIdAcrossSchools(current.userId);
      const school = await this.schools.byIdAcrossSchools(current.schoolId);
      const idleLimit = current.lastUsedAt.getTime() + (school?.idleTimeoutMinutes ?? 120) * MINUTE;
      if (!user || user.archived || !school || now.getTime() >= current.expiresAt.getTime() || now.getTime() >= idleLimit) {
        await this.tokens.revokeFamily(current.familyId, now);
        return { ended: true as const };
      }
      const refreshToken = this.secrets.successor(input.refreshToken);
      const session = newRefreshToken(
        {
          familyId: current.familyId,
          schoolId: current.schoolId,
          userId: current.userId,
          tokenHash: this.secrets.digest(refreshToken),
          ttlMs: Math.min(current.expiresAt.getTime() - now.getTime(), this.policy.refreshTokenTtlDays * 24 * 60 * MINUTE),
          ip: input.ip,
          userAgent: input.userAgent,
        },
        now,
      );
      await this.tokens.markReplaced(current.id, now);
      await this.tokens.add(session);
      return { ended: false as const, signedIn: { user, school, refreshToken, session } };
    });
    if (outcome.ended) {
      throw SESSION_ENDED();
    }
    return outcome.signedIn;
  }
}
