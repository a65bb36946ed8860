import { AuditTrail, Clock, DomainError, MINUTE, RateLimiter, UnitOfWork, rateLimited, type Actor, type RateLimit } from '@cadenza/shared/kernel';
import { assertAcceptablePassword } from '../model/password-policy.js';
import type { SessionId } from '../model/session.js';
import { PasswordHasher, RefreshTokenRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** How often a signed-in account may try its current password: a stolen session must not become a way to guess it. */
export const PASSWORD_CHANGES_PER_ACCOUNT = { burst: 5, everyMs: 3 * MINUTE };

/**
 * Changes the signed-in user's password. The current password is checked with the hasher after a
 * turn per account (a right one gives its turn back); the new one follows the same rule as a reset
 * or an invitation. Every other session of the account ends; the one asking stays signed in.
 */
export class ChangeMyPassword {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { currentPassword: string; newPassword: string; sessionId: SessionId }): Promise<void> {
    assertAcceptablePassword(input.newPassword, 'newPassword');
    const now = this.clock.now();
    const limits: RateLimit[] = [{ key: `identity.password-change.account:${actor.userId}`, ...PASSWORD_CHANGES_PER_ACCOUNT }];
    const turn = await this.limiter.take(limits, now);
    if (!turn.granted) {
      throw rateLimited('IDENTITY.TOO_MANY_PASSWORD_CHANGES', 'Your current password was tried too often. Wait a few minutes and try again.', turn.retryAfterMs);
    }
    const user = await this.users.byId(actor.userId);
    if (!user) throw notFound('The user');
    const right = user.passwordHash !== null && (await this.hasher.verify(user.passwordHash, input.currentPassword));
    if (!right) {
      throw DomainError.invalid('IDENTITY.WRONG_CURRENT_PASSWORD', 'currentPassword', 'Your current password is not right.');
    }
    await this.limiter.giveBack(limits, now);
    const hash = await this.hasher.hash(input.newPassword);
    await this.uow.run(async () => {
      user.setPassword(hash, now, false);
      await this.users.update(user);
      await this.tokens.revokeAllOfUserExcept(user.id, input.sessionId, now);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.password.changed', entityType: 'user', entityId: user.id });
    });
  }
}
