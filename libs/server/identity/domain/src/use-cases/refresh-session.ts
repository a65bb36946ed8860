import { AuditTrail, Clock, DomainError, MINUTE, UnitOfWork } from '@cadenza/shared/kernel';
import { newRefreshToken } from '../model/session.js';
import { RefreshTokenRepository, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';
import type { SignedIn } from './sign-in.js';

const SESSION_ENDED = () => new DomainError('IDENTITY.SESSION_ENDED', 'unauthenticated', 'Your session has ended. Sign in again.');

/**
 * Trades a refresh token for a new one in the same family. A token presented a
 * second time (after it was replaced) revokes the whole family: whoever holds
 * either copy must sign in again. Idle sessions (past the school's idle timeout)
 * end too.
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
      if (!user || !school || now.getTime() >= current.expiresAt.getTime() || now.getTime() >= idleLimit) {
        await this.tokens.revokeFamily(current.familyId, now);
        return { ended: true as const };
      }
      const refreshToken = this.secrets.generate();
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
