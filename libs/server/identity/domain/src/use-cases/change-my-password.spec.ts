import { MINUTE, type Actor } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork, InMemoryRateLimiter, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { newRefreshToken, type SessionId } from '../model/session.js';
import { User } from '../model/user.js';
import { InMemoryRefreshTokens, InMemoryUsers, PlainHasher } from '../testing/in-memory.js';
import { ChangeMyPassword, PASSWORD_CHANGES_PER_ACCOUNT } from './change-my-password.js';

function setup() {
  const clock = new FixedClock('2026-12-07T10:00:00Z');
  const users = new InMemoryUsers();
  const tokens = new InMemoryRefreshTokens();
  const hasher = new PlainHasher();
  const audit = new RecordingAuditTrail();
  const school = School.create({ name: 'Demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  const user = User.create({ schoolId: school.id, email: 'ana@example.org', name: 'Ana', roles: ['parent'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  user.setPassword('plain:old-password-1', clock.now(), true);
  void users.add(user);
  const other = User.create({ schoolId: school.id, email: 'ben@example.org', name: 'Ben', roles: ['parent'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  void users.add(other);
  const open = (userId: typeof user.id, hash: string) => {
    const token = newRefreshToken({ schoolId: school.id, userId, tokenHash: hash, ttlMs: 60 * MINUTE, ip: null, userAgent: null }, clock.now());
    void tokens.add(token);
    return token.familyId;
  };
  const here = open(user.id, 'here');
  const phone = open(user.id, 'phone');
  const bens = open(other.id, 'ben');
  const actor: Actor = { userId: user.id, schoolId: school.id, roles: ['parent'] };
  return { clock, users, tokens, hasher, audit, actor, user, here, phone, bens, change: new ChangeMyPassword(users, tokens, hasher, new InMemoryRateLimiter(), audit, new ImmediateUnitOfWork(), clock) };
}

const revoked = (tokens: InMemoryRefreshTokens, familyId: SessionId) => [...tokens.rows.values()].find((t) => t.familyId === familyId)?.revokedAt !== null;

describe('ChangeMyPassword', () => {
  it('sets the new password, ends the account’s other sessions but not this one nor anyone else’s, and audits it', async () => {
    const { change, actor, users, user, tokens, here, phone, bens, audit } = setup();
    await change.execute(actor, { currentPassword: 'old-password-1', newPassword: 'new-password-22', sessionId: here });
    expect((await users.byId(user.id))?.passwordHash).toBe('plain:new-password-22');
    expect(revoked(tokens, phone)).toBe(true);
    expect(revoked(tokens, here)).toBe(false);
    expect(revoked(tokens, bens)).toBe(false);
    expect(audit.entries).toMatchObject([{ action: 'identity.password.changed', actorId: user.id, entityId: user.id }]);
    expect(JSON.stringify(audit.entries)).not.toContain('new-password-22');
  });

  it('refuses a wrong current password naming the field, and changes nothing', async () => {
    const { change, actor, users, user, tokens, phone, here, audit, hasher } = setup();
    await expect(change.execute(actor, { currentPassword: 'not-it-at-all', newPassword: 'new-password-22', sessionId: here })).rejects.toMatchObject({
      code: 'IDENTITY.WRONG_CURRENT_PASSWORD',
      kind: 'invalid',
      details: { fields: [{ field: 'currentPassword' }] },
    });
    expect((await users.byId(user.id))?.passwordHash).toBe('plain:old-password-1');
    expect(revoked(tokens, phone)).toBe(false);
    expect(audit.entries).toEqual([]);
    expect(hasher.hashes).toBe(0);
  });

  it('refuses a weak new password as newPassword before checking the current one', async () => {
    const { change, actor, here, hasher } = setup();
    await expect(change.execute(actor, { currentPassword: 'old-password-1', newPassword: 'short', sessionId: here })).rejects.toMatchObject({
      code: 'IDENTITY.WEAK_PASSWORD',
      details: { fields: [{ field: 'newPassword' }] },
    });
    expect(hasher.verifications).toBe(0);
  });

  it('throttles wrong guesses per account with how long to wait, without checking the password past them', async () => {
    const { change, actor, here, hasher, clock } = setup();
    for (let i = 0; i < PASSWORD_CHANGES_PER_ACCOUNT.burst; i++) {
      await expect(change.execute(actor, { currentPassword: `guess-${i}`, newPassword: 'new-password-22', sessionId: here })).rejects.toMatchObject({ kind: 'invalid' });
    }
    await expect(change.execute(actor, { currentPassword: 'old-password-1', newPassword: 'new-password-22', sessionId: here })).rejects.toMatchObject({
      code: 'IDENTITY.TOO_MANY_PASSWORD_CHANGES',
      kind: 'rate_limited',
      details: { retryAfterSeconds: PASSWORD_CHANGES_PER_ACCOUNT.everyMs / 1000 },
    });
    expect(hasher.verifications).toBe(PASSWORD_CHANGES_PER_ACCOUNT.burst);
    clock.advance(PASSWORD_CHANGES_PER_ACCOUNT.everyMs);
    await expect(change.execute(actor, { currentPassword: 'old-password-1', newPassword: 'new-password-22', sessionId: here })).resolves.toBeUndefined();
  });

  it('gives a right password’s turn back', async () => {
    const { change, actor, here } = setup();
    let current = 'old-password-1';
    for (let i = 0; i < PASSWORD_CHANGES_PER_ACCOUNT.burst + 2; i++) {
      const next = `next-password-${i}`;
      await change.execute(actor, { currentPassword: current, newPassword: next, sessionId: here });
      current = next;
    }
  });
});
