import { AuditTrail, Clock, DomainError, HOUR, MINUTE, RateLimiter, UnitOfWork, newId, rateLimited, type UserId } from '@cadenza/shared/kernel';
import { STAFF_ROLES } from '../model/roles.js';
import { IdentityMailer, LinkBuilder, PasswordHasher, PasswordResetRepository, PasswordResetRequests, RefreshTokenRepository, SecretTokens, UserRepository, type PasswordResetState } from '../ports/index.js';
import { checkLinkThenHash, type PasswordFromLink } from './link-attempts.js';
import { signInAccountKey } from './sign-in.js';

const RESET_TTL_MS = HOUR;

/** How often a reset may be asked for: per email (so nobody's inbox is flooded) and per address. */
export const RESET_REQUESTS = {
  perEmail: { burst: 3, everyMs: 10 * MINUTE },
  perAddress: { burst: 10, everyMs: MINUTE },
};

/**
 * Asks for a reset link. The answer does not wait for the account's lookup or the mail, and is
 * the same, after the same work, whether or not the email has an account: the request is only
 * queued, and `SendPasswordResets` handles it in the background. Throttled per email and per
 * address alike for every email.
 */
export class RequestPasswordReset {
  constructor(
    private readonly requests: PasswordResetRequests,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  async execute(input: { email: string; ip: string }): Promise<void> {
    const email = input.email.trim().toLowerCase();
    const now = this.clock.now();
    const turn = await this.limiter.take(
      [
        { key: `identity.password-reset.email:${email}`, ...RESET_REQUESTS.perEmail },
        { key: `identity.password-reset.address:${input.ip}`, ...RESET_REQUESTS.perAddress },
      ],
      now,
    );
    if (!turn.granted) {
      throw rateLimited('IDENTITY.TOO_MANY_RESET_REQUESTS', 'A reset link was asked for too often. Check your inbox, or wait a few minutes and ask again.', turn.retryAfterMs);
    }
    await this.requests.add({ id: newId(), email, requestedAt: now });
  }
}

/** How long a claimed request is its sender's before another may take it over (a crash, a failed mail). */
export const RESET_REQUEST_LEASE_MS = MINUTE;

/**
 * Handles queued reset requests in the background: for an email with an account, a new link
 * (stored hashed, audited) and its mail; for any other, nothing. A request whose mail failed
 * is tried again after its lease, a few times at most.
 */
export class SendPasswordResets {
  constructor(
    private readonly requests: PasswordResetRequests,
    private readonly users: UserRepository,
    private readonly resets: PasswordResetRepository,
    private readonly secrets: SecretTokens,
    private readonly mailer: IdentityMailer,
    private readonly links: LinkBuilder,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Handles up to `batch` requests; answers how many were claimed and which failed (left for a later pass). */
  async execute(batch: number): Promise<{ claimed: number; failed: { id: string; error: unknown }[] }> {
    const claimed = await this.requests.claim(batch, this.clock.now(), RESET_REQUEST_LEASE_MS);
    const failed: { id: string; error: unknown }[] = [];
    for (const request of claimed) {
      try {
        await this.send(request.email);
        await this.requests.done(request.id);
      } catch (error) {
        failed.push({ id: request.id, error });
      }
    }
    return { claimed: claimed.length, failed };
  }

  private async send(email: string): Promise<void> {
    const user = await this.users.byEmailAcrossSchools(email);
    if (!user || user.archived) return;
    const now = this.clock.now();
    const token = this.secrets.generate();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await this.uow.run(async () => {
      await this.resets.add({ id: newId(), schoolId: user.schoolId, userId: user.id, tokenHash: this.secrets.digest(token), expiresAt, usedAt: null });
      await this.audit.record({ schoolId: user.schoolId, actorId: null, action: 'identity.password_reset.requested', entityType: 'user', entityId: user.id });
    });
    const forStaff = user.roles.some((r) => STAFF_ROLES.includes(r));
    await this.mailer.sendPasswordReset({ email: user.email ?? email, name: user.name }, this.links.passwordReset(token, forStaff), expiresAt);
  }
}

/**
 * Sets a new password from a reset link, once, and ends every session of the account and
 * every other reset link it has. It also forgets the account's sign-in turns taken from
 * unknown addresses, so an owner slowed by someone else's failures can sign in at once.
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

  async execute(input: PasswordFromLink): Promise<void> {
    const { now, tokenHash, hash } = await checkLinkThenHash({ clock: this.clock, limiter: this.limiter, secrets: this.secrets, hasher: this.hasher }, input, async (digest, at) => {
      assertUsable(await this.resets.byTokenHashAcrossSchools(digest), at);
    });
    let resetEmail: string | null = null;
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
      resetEmail = user.email;
      await this.audit.record({ schoolId: user.schoolId, actorId: user.id, action: 'identity.password.reset', entityType: 'user', entityId: user.id });
    });
    // Whoever was failing to sign in to this account from elsewhere, its owner may now sign in with the new password.
    if (resetEmail) await this.limiter.forget([signInAccountKey(resetEmail)]);
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
