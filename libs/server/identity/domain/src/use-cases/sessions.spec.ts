import { MINUTE } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork, InMemoryRateLimiter, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import {
  CountingSecrets,
  InMemoryRefreshTokens,
  InMemorySchools,
  InMemoryUsers,
  PlainHasher,
} from '../testing/in-memory.js';
import { REPLACED_TOKEN_GRACE_MS, RefreshSession } from './refresh-session.js';
import { SignIn } from './sign-in.js';
import { SignOut } from './sign-out.js';

function setup() {
  const clock = new FixedClock('2026-11-23T10:00:00Z');
  const users = new InMemoryUsers();
  const schools = new InMemorySchools();
  const tokens = new InMemoryRefreshTokens();
  const limiter = new InMemoryRateLimiter();
  const hasher = new PlainHasher();
  const secrets = new CountingSecrets();
  const audit = new RecordingAuditTrail();
  const uow = new ImmediateUnitOfWork();
  const school = School.create({ name: 'Demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  void schools.add(school);
  const user = User.create({ schoolId: school.id, email: 'ana@example.org', name: 'Ana', roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  user.setPassword('plain:correct-horse', clock.now(), true);
  void users.add(user);
  const policy = { maxFailuresPerAccount: 3, maxFailuresPerIp: 10, windowMinutes: 15, refreshTokenTtlDays: 30 };
  return {
    clock,
    tokens,
    audit,
    hasher,
    signIn: new SignIn(users, schools, tokens, limiter, hasher, secrets, audit, uow, clock, policy),
    refresh: new RefreshSession(tokens, users, schools, secrets, audit, uow, clock, policy),
    signOut: new SignOut(tokens, secrets, audit, uow, clock),
  };
}

const from = { ip: '10.0.0.1', userAgent: 'spec' };

describe('SignIn', () => {
  it('opens a session and audits it', async () => {
    const { signIn, audit } = setup();
    const session = await signIn.execute({ email: ' ANA@example.org', password: 'correct-horse', ...from });
    expect(session.user.email).toBe('ana@example.org');
    expect(audit.entries.map((e) => e.action)).toEqual(['identity.session.signed_in']);
  });

  it('answers an unknown email like a wrong password, after the same work', async () => {
    const { signIn, hasher } = setup();
    const wrong = await signIn.execute({ email: 'ana@example.org', password: 'nope', ...from }).catch((e: Error) => e);
    const unknown = await signIn.execute({ email: 'who@example.org', password: 'nope', ...from }).catch((e: Error) => e);
    expect(wrong).toEqual(unknown);
    expect(hasher.verifications).toBe(2);
  });

  it('refuses after too many failures, then accepts once the window has passed', async () => {
    const { signIn, clock } = setup();
    for (let i = 0; i < 3; i++) await signIn.execute({ email: 'ana@example.org', password: 'nope', ...from }).catch(() => undefined);
    await expect(signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from })).rejects.toMatchObject({ kind: 'rate_limited' });
    clock.advance(16 * MINUTE);
    await expect(signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from })).resolves.toBeTruthy();
  });

  it('takes a turn before checking the password and refuses without hashing once they are gone', async () => {
    const { signIn, hasher } = setup();
    const attempts = await Promise.all(Array.from({ length: 6 }, () => signIn.execute({ email: 'ana@example.org', password: 'nope', ...from }).catch((e: { kind: string }) => e.kind)));
    expect(attempts.sort()).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'unauthenticated', 'unauthenticated', 'unauthenticated']);
    expect(hasher.verifications).toBe(3);
  });

  it('never lets failures sent from elsewhere hold up the owner at an address they signed in from, and keeps the guessing bound', async () => {
    const { signIn } = setup();
    const attempt = (ip: string, password = 'nope') => signIn.execute({ email: 'ana@example.org', password, ip, userAgent: 'spec' }).then(() => 'signed in', (e: { kind: string }) => e.kind);
    expect(await attempt('10.0.0.1', 'correct-horse')).toBe('signed in');
    for (let i = 0; i < 3; i++) expect(await attempt('192.0.2.1')).toBe('unauthenticated');
    expect(await attempt('192.0.2.1')).toBe('rate_limited');
    // Every other new address shares the account's turns: the bound on guesses from anywhere new holds.
    expect(await attempt('192.0.2.2')).toBe('rate_limited');
    expect(await attempt('192.0.2.2', 'correct-horse')).toBe('rate_limited');
    // The owner's own address is not held up, but it is bounded on its own too.
    expect(await attempt('10.0.0.1', 'correct-horse')).toBe('signed in');
    for (let i = 0; i < 3; i++) expect(await attempt('10.0.0.1')).toBe('unauthenticated');
    expect(await attempt('10.0.0.1', 'correct-horse')).toBe('rate_limited');
  });

  it('gives the turn of a right password back', async () => {
    const { signIn } = setup();
    for (let i = 0; i < 5; i++) await expect(signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from })).resolves.toBeTruthy();
  });
});

describe('RefreshSession', () => {
  it('rotates within the family and revokes it all when a replaced token comes back', async () => {
    const { signIn, refresh, audit, clock } = setup();
    const first = await signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from });
    const second = await refresh.execute({ refreshToken: first.refreshToken, ...from });
    expect(second.session.familyId).toBe(first.session.familyId);
    clock.advance(REPLACED_TOKEN_GRACE_MS + 1);
    await expect(refresh.execute({ refreshToken: first.refreshToken, ...from })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(refresh.execute({ refreshToken: second.refreshToken, ...from })).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(audit.entries.map((e) => e.action)).toContain('identity.session.reuse_detected');
  });

  it('gives a token presented again within the grace the same successor, and the session goes on', async () => {
    const { signIn, refresh, clock, tokens, audit } = setup();
    const first = await signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from });
    // One after the other: the fake has no row lock (PostgreSQL's makes racing refreshes take turns; api-e2e races them).
    const one = await refresh.execute({ refreshToken: first.refreshToken, ...from });
    const two = await refresh.execute({ refreshToken: first.refreshToken, ...from });
    clock.advance(REPLACED_TOKEN_GRACE_MS);
    const retried = await refresh.execute({ refreshToken: first.refreshToken, ...from });
    expect(new Set([one.refreshToken, two.refreshToken, retried.refreshToken]).size).toBe(1);
    expect(retried.session.id).toBe(one.session.id);
    expect([...tokens.rows.values()].filter((t) => t.familyId === first.session.familyId)).toHaveLength(2);
    expect(audit.entries.map((e) => e.action)).not.toContain('identity.session.reuse_detected');
    await expect(refresh.execute({ refreshToken: one.refreshToken, ...from })).resolves.toMatchObject({ user: { email: 'ana@example.org' } });
  });

  it('ends a session idle for longer than the school allows', async () => {
    const { signIn, refresh, clock } = setup();
    const first = await signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from });
    clock.advance(121 * MINUTE);
    await expect(refresh.execute({ refreshToken: first.refreshToken, ...from })).rejects.toMatchObject({ code: 'IDENTITY.SESSION_ENDED' });
  });

  it('does not refresh a signed-out session', async () => {
    const { signIn, refresh, signOut } = setup();
    const first = await signIn.execute({ email: 'ana@example.org', password: 'correct-horse', ...from });
    await signOut.execute({ refreshToken: first.refreshToken });
    await signOut.execute({ refreshToken: first.refreshToken });
    await expect(refresh.execute({ refreshToken: first.refreshToken, ...from })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
