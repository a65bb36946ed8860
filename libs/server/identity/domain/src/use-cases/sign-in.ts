import { AuditTrail, Clock, DomainError, MINUTE, UnitOfWork } from '@cadenza/shared/kernel';
import type { School } from '../model/school.js';
import { newRefreshToken, type RefreshTokenState } from '../model/session.js';
import type { User } from '../model/user.js';
import { LoginAttempts, PasswordHasher, RefreshTokenRepository, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

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
 * the same answer, at the same cost; failures are counted per account and per
 * address, and past the limit every attempt is refused with `rate_limited`.
 */
export class SignIn {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly attempts: LoginAttempts,
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
    const key = { email, ip: input.ip };
    const failures = await this.attempts.failuresSince(key, new Date(now.getTime() - this.policy.windowMinutes * MINUTE));
    if (failures.byEmail >= this.policy.maxFailuresPerAccount || failures.byIp >= this.policy.maxFailuresPerIp) {
      throw new DomainError('IDENTITY.TOO_MANY_ATTEMPTS', 'rate_limited', 'Too many failed sign-ins. Wait a few minutes and try again.', {
        retryAfterSeconds: this.policy.windowMinutes * 60,
      });
    }

    const user = await this.users.byEmailAcrossSchools(email);
    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(hash, input.password);
    if (!user || !user.passwordHash || !matches) {
      await this.attempts.recordFailure(key, now);
      throw INVALID_CREDENTIALS();
    }

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
      await this.attempts.clearForEmail(email);
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
}
