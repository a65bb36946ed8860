import { AuditTrail, Clock, DomainError, HOUR, RateLimiter, UnitOfWork, newId, type UserId } from '@cadenza/shared/kernel';
import { assertAcceptablePassword } from '../model/password-policy.js';
import { STAFF_ROLES } from '../model/roles.js';
import { IdentityMailer, LinkBuilder, PasswordHasher, PasswordResetRepository, RefreshTokenRepository, SecretTokens, UserRepository, type PasswordResetState } from '../ports/index.js';
import { takeLinkTurn } from './link-attempts.js';

const RESET_TTL_MS = HOUR;

/** Mails a reset link if the email has an account. The answer is the same either way. */
export class RequestPasswordReset {
  constructor(
    private readonly users: UserRepository,
    private readonly resets: PasswordResetRepository,
    private readonly secrets: SecretTokens,
    private readonly mailer: IdentityMailer,
    private readonly links: LinkBuilder,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { email: string }): Promise<void> {
    const user = await this.users.byEmailAcrossSchools(input.email.trim().toLowerCase());
    if (!user) {
      return;
    }
    const now = this.clock.now();
    const token = this.secrets.generate();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await this.uow.run(async () => {
      const id = newId();
      await this.resets.add({ id, schoolId: user.schoolId, userId: user.id, tokenHash: this.secrets.digest(token), expiresAt, usedAt: null });
      await this.audit.record({ schoolId: user.schoolId, actorId: null, action: 'identity.password_reset.requested', entityType: 'user', entityId: user.id });
    });
    const forStaff = user.roles.some((r) => STAFF_ROLES.includes(r));
    await this.mailer.sendPasswordReset({ email: user.email, name: user.name }, this.links.passwordReset(token, forStaff), expiresAt);
  }
}

/**
 * Sets a new password from a reset link, once, and ends every session of the account and
 * every other reset link it has.
 * The link's token is checked before the password is hashed, after a turn per address.
 */
export class ResetPassword {
  constructor(
    private readonly users: UserRepository,
    private readonly resets: PasswordResetRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(input: { token: string; password: string; ip: string }): Promise<void> {
    assertAcceptablePassword(input.password);
    const now = this.clock.now();
    await takeLinkTurn(this.limiter, input.ip, now);
    const tokenHash = this.secrets.digest(input.token);
    assertUsable(await this.resets.byTokenHashAcrossSchools(tokenHash), now);
    const hash = await this.hasher.hash(input.password);
    await this.uow.run(async () => {
      const reset = assertUsable(await this.resets.byTokenHashForUpdateAcrossSchools(tokenHash), now);
      const user = await this.users.byIdAcrossSchools(reset.userId as UserId);
      if (!user) {
        throw new DomainError('IDENTITY.RESET_NOT_FOUND', 'not_found', 'This reset link is not valid.');
      }
      user.setPassword(hash, now, true);
      await this.users.update(user);
      await this.resets.markAllUsedOfUser(user.id, now);
      await this.tokens.revokeAllOfUser(user.id, now);
      await this.audit.record({ schoolId: user.schoolId, actorId: user.id, action: 'identity.password.reset', entityType: 'user', entityId: user.id });
    });
  }
}

function assertUsable(reset: PasswordResetState | null, now: Date): PasswordResetState {
  if (!reset) {
    throw new DomainError('IDENTITY.RESET_NOT_FOUND', 'not_found', 'This reset link is not valid.');
  }
  if (reset.usedAt || now.getTime() >= reset.expiresAt.getTime()) {
    throw new DomainError('IDENTITY.RESET_EXPIRED', 'gone', 'This reset link has expired or was used. Ask for a new one.');
  }
  return reset;
}
