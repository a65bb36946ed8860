import { AuditTrail, Clock, DAY, DomainError, MINUTE, RateLimiter, UnitOfWork, asId, rateLimited, type RateLimit, type UserId } from '@cadenza/shared/kernel';
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

/** Addresses the account signed in from within this many days count as the owner's: others' failures do not slow them. */
export const KNOWN_ADDRESS_DAYS = 90;
const NO_USER = asId<UserId>('00000000-0000-0000-0000-000000000000');

/** The turns of one account from addresses it has not signed in from lately: forgotten when its password is reset. */
export const signInAccountKey = (email: string) => `identity.sign-in.account:${email}`;
const signInPairKey = (email: string, ip: string) => `identity.sign-in.account-address:${email}|${ip}`;

export const INVALID_CREDENTIALS = () =>
  new DomainError('IDENTITY.INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is not right.');

/**
 * Checks a password and opens a session. A wrong email and a wrong password give
 * the same answer, at the same cost. Every attempt takes its turns (see `limitsFor`)
 * before the password is checked, in one atomic step of the rate limiter, so attempts
 * sent together cannot all be checked; a right password gives its turns back. Past the
 * turns an attempt is refused with `rate_limited` (slowed to the limit's pace, never
 * locked for the whole window) before any hashing.
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
    const user = await this.users.byEmailAcrossSchools(email);
    // The same read whether or not the email has an account, so its cost tells nothing.
    const knownAddress = await this.tokens.signedInFromSince(user?.id ?? NO_USER, input.ip, new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY));
    const limits = this.limitsFor(email, input.ip, knownAddress);
    const turn = await this.limiter.take(limits, now);
    if (!turn.granted) {
      throw rateLimited('IDENTITY.TOO_MANY_ATTEMPTS', 'Too many failed sign-ins. Wait a few minutes and try again.', turn.retryAfterMs);
    }

    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(hash, input.password);
    if (!user || !user.passwordHash || !matches) {
      throw INVALID_CREDENTIALS();
    }
    await this.limiter.giveBack(limits, now);
    if (user.archived) {
      // Told only to whoever knows the password: the school archived the account (they left).
      throw new DomainError('IDENTITY.ACCOUNT_ARCHIVED', 'forbidden', 'This account is archived. Ask your school if you are back.');
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

  /**
   * The turns an attempt takes: always one for this account from this address and one for the address;
   * from an address the account has not signed in from lately, also one for the account, shared by every
   * such address. Guesses stay bounded as before (per account, from anywhere new), while failures sent from
   * elsewhere never hold up the owner at an address they use.
   */
  private limitsFor(email: string, ip: string, knownAddress: boolean): RateLimit[] {
    const windowMs = this.policy.windowMinutes * MINUTE;
    const { maxFailuresPerAccount: perAccount, maxFailuresPerIp: perIp } = this.policy;
    const account = { burst: perAccount, everyMs: windowMs / perAccount };
    return [
      { key: signInPairKey(email, ip), ...account },
      { key: `identity.sign-in.address:${ip}`, burst: perIp, everyMs: windowMs / perIp },
      ...(knownAddress ? [] : [{ key: signInAccountKey(email), ...account }]),
    ];
  }
}
