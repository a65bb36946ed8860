import { DAY, HOUR, newId } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork, InMemoryRateLimiter, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { Invitation } from '../model/invitation.js';
import { newRefreshToken } from '../model/session.js';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { CountingSecrets, InMemoryInvitations, InMemoryPasswordResets, InMemoryRefreshTokens, InMemorySchools, InMemoryUsers, PlainHasher } from '../testing/in-memory.js';
import { LINK_ATTEMPTS_PER_ADDRESS } from './link-attempts.js';
import { AcceptInvitation } from './accept-invitation.js';
import { ResetPassword } from './password-reset.js';

function setup() {
  const clock = new FixedClock('2026-12-07T10:00:00Z');
  const users = new InMemoryUsers();
  const schools = new InMemorySchools();
  const invitations = new InMemoryInvitations();
  const resets = new InMemoryPasswordResets();
  const tokens = new InMemoryRefreshTokens();
  const hasher = new PlainHasher();
  const secrets = new CountingSecrets();
  const audit = new RecordingAuditTrail();
  const uow = new ImmediateUnitOfWork();
  const limiter = new InMemoryRateLimiter();
  const school = School.create({ name: 'Demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  void schools.add(school);
  const user = User.create({ schoolId: school.id, email: 'ana@example.org', name: 'Ana', roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  user.setPassword('plain:old-password-here', clock.now(), true);
  void users.add(user);
  return {
    clock,
    school,
    user,
    invitations,
    resets,
    hasher,
    tokens,
    accept: new AcceptInvitation(invitations, users, schools, hasher, secrets, audit, uow, clock, limiter),
    reset: new ResetPassword(users, resets, tokens, hasher, secrets, audit, uow, clock, limiter),
  };
}

const from = { ip: '10.0.0.9' };

describe('links from mail check their token before hashing the new password', () => {
  it('ResetPassword: a made-up, a used and an expired link cost no hash', async () => {
    const { reset, resets, user, clock, hasher } = setup();
    await expect(reset.execute({ token: 'made-up', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.RESET_NOT_FOUND' });
    await resets.add({ id: newId(), schoolId: user.schoolId, userId: user.id, tokenHash: 'digest(used)', expiresAt: new Date(clock.now().getTime() + HOUR), usedAt: clock.now() });
    await resets.add({ id: newId(), schoolId: user.schoolId, userId: user.id, tokenHash: 'digest(old)', expiresAt: clock.now(), usedAt: null });
    await expect(reset.execute({ token: 'used', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.RESET_EXPIRED' });
    await expect(reset.execute({ token: 'old', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.RESET_EXPIRED' });
    expect(hasher.hashes).toBe(0);
    await resets.add({ id: newId(), schoolId: user.schoolId, userId: user.id, tokenHash: 'digest(good)', expiresAt: new Date(clock.now().getTime() + HOUR), usedAt: null });
    await reset.execute({ token: 'good', password: 'brand-new-password', ...from });
    expect(hasher.hashes).toBe(1);
  });

  it('AcceptInvitation: a made-up, a withdrawn and an expired invitation cost no hash', async () => {
    const { accept, invitations, school, clock, hasher } = setup();
    await expect(accept.execute({ token: 'made-up', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.INVITATION_NOT_FOUND' });
    const issue = (token: string, email: string, ttlDays: number) =>
      Invitation.issue({ schoolId: school.id, email, name: 'Bo', roles: ['teacher'], invitedBy: null, tokenHash: `digest(${token})`, ttlDays }, clock.now());
    const withdrawn = issue('withdrawn', 'bo@example.org', 7);
    withdrawn.revoke(clock.now());
    await invitations.add(withdrawn);
    await invitations.add(issue('old', 'cy@example.org', 1));
    await invitations.add(issue('good', 'di@example.org', 7));
    clock.advance(2 * DAY);
    await expect(accept.execute({ token: 'withdrawn', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.INVITATION_USED' });
    await expect(accept.execute({ token: 'old', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.INVITATION_EXPIRED' });
    expect(hasher.hashes).toBe(0);
    await expect(accept.execute({ token: 'good', password: 'brand-new-password', ...from })).resolves.toMatchObject({ email: 'di@example.org' });
    expect(hasher.hashes).toBe(1);
  });

  it('ResetPassword: a successful reset ends every other reset link and every session of the account', async () => {
    const { reset, resets, user, clock, tokens } = setup();
    const link = (token: string) => ({ id: newId(), schoolId: user.schoolId, userId: user.id, tokenHash: `digest(${token})`, expiresAt: new Date(clock.now().getTime() + HOUR), usedAt: null });
    await resets.add(link('first'));
    await resets.add(link('second'));
    await tokens.add(newRefreshToken({ schoolId: user.schoolId, userId: user.id, tokenHash: 'digest(session)', ttlMs: DAY, ip: null, userAgent: null }, clock.now()));
    await reset.execute({ token: 'second', password: 'brand-new-password', ...from });
    await expect(reset.execute({ token: 'first', password: 'another-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.RESET_EXPIRED', kind: 'gone' });
    expect([...tokens.rows.values()].every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('takes a turn per address, shared by both kinds of link, and refuses past them', async () => {
    const { accept, reset } = setup();
    for (let i = 0; i < LINK_ATTEMPTS_PER_ADDRESS.burst; i++) {
      const use = i % 2 === 0 ? accept : reset;
      await expect(use.execute({ token: `guess-${i}`, password: 'brand-new-password', ...from })).rejects.toMatchObject({ kind: 'not_found' });
    }
    await expect(reset.execute({ token: 'guess', password: 'brand-new-password', ...from })).rejects.toMatchObject({ code: 'IDENTITY.TOO_MANY_LINK_ATTEMPTS', kind: 'rate_limited' });
    await expect(accept.execute({ token: 'guess', password: 'brand-new-password', ...from })).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(accept.execute({ token: 'guess', password: 'brand-new-password', ip: '10.0.0.10' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
