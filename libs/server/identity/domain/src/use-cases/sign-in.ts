import { AuditTrail, Clock, DomainError, MINUTE, RateLimiter, UnitOfWork, rateLimited, type RateLimit } from '@cadenza/shared/kernel';
import type { School } from '../model/school.js';
import { newRefreshToken, type RefreshTokenState } from '../model/session.js';
import type { User } from '../model/user.js';
import { PasswordHasher, RefreshTokenRepository, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

export interface SignInPolicy {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
  refreshTokenTtlDays: number;
}

export interface SignedIn {
  user: User;
  school: School;
  refreshToken: string;
  session: RefreshTokenState;
}

export const INVALID_CREDENTIALS = () =>
  new DomainError('IDENTITY.INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is not right.');

/**
 * Checks a password and opens a session. A wrong email and a wrong password give
 * the same answer, at the same cost. Every attempt takes a turn, per account and per
 * address, before the password is checked (one atomic step in the rate limiter, so
 * attempts sent together cannot all be checked); a right password gives its turns
 * back. Past the turns an attempt is refused with `rate_limited` before any hashing.
 */
export class SignIn {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly limiter: RateLimiter,
    private readonly hasher: PasswordHasher,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policy: SignInPolicy,
  ) {}

  async execute(input: { email: string; password: string; ip: string; userAgent: string | null }): Promise<SignedIn> {
    const email = input.email.trim().toLowerCase();
    const now = this.clock.now();
    const limits = this.limitsFor(email, input.ip);
    const turn = await this.limiter.take(limits, now);
    if (!turn.granted) {
      throw rateLimited('IDENTITY.TOO_MANY_ATTEMPTS', 'Too many failed sign-ins. Wait a few minutes and try again.', turn.retryAfterMs);
    }

    const user = await this.users.byEmailAcrossSchools(email);
    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(hash, input.password);
    if (!user || !user.passwordHash || !matches) {
      throw INVALID_CREDENTIALS();
    }
    await this.limiter.giveBack(limits, now);

    const school = await this.schools.byIdAcrossSchools(user.schoolId);
    if (!school) {
      throw INVALID_CREDENTIALS();
    }
    const refreshToken = this.secrets.generate();
    const session = newRefreshToken(
      {
        schoolId: user.schoolId,
        userId: user.id,
        tokenHash: this.secrets.digest(refreshToken),
        ttlMs: this.policy.refreshTokenTtlDays * 24 * 60 * MINUTE,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      now,
    );
    await this.uow.run(async () => {
      await this.tokens.add(session);
      await this.audit.record({
        schoolId: user.schoolId,
        actorId: user.id,
        action: 'identity.session.signed_in',
        entityType: 'session',
        entityId: session.familyId,
      });
    });
    return { user, school, refreshToken, session };
  }

  private limitsFor(email: string, ip: string): RateLimit[] {
    const windowMs = this.policy.windowMinutes * MINUTE;
    const { maxFailuresPerAccount: perAccount, maxFailuresPerIp: perIp } = this.policy;
    return [
      { key: `identity.sign-in.account:${email}`, burst: perAccount, everyMs: windowMs / perAccount },
      { key: `identity.sign-in.address:${ip}`, burst: perIp, everyMs: windowMs / perIp },
    ];
  }
}
