import type { Actor } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { InMemoryUsers } from '../testing/in-memory.js';
import { UpdateMyProfile } from './update-my-profile.js';

function setup() {
  const clock = new FixedClock('2026-12-07T10:00:00Z');
  const users = new InMemoryUsers();
  const audit = new RecordingAuditTrail();
  const school = School.create({ name: 'Demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  const user = User.create({ schoolId: school.id, email: 'ana@example.org', name: 'Ana', roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  void users.add(user);
  const actor: Actor = { userId: user.id, schoolId: school.id, roles: ['teacher'] };
  return { users, audit, user, actor, update: new UpdateMyProfile(users, audit, new ImmediateUnitOfWork()) };
}

describe('UpdateMyProfile', () => {
  it('changes one’s own name, time zone and locale, and audits before and after', async () => {
    const { update, users, user, actor, audit } = setup();
    await update.execute(actor, { name: '  Ana Lima ', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
    expect((await users.byId(user.id))?.snapshot()).toMatchObject({ name: 'Ana Lima', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
    expect(audit.entries).toMatchObject([{ action: 'identity.user.updated', entityId: user.id, before: { name: 'Ana', timeZone: 'Europe/London' }, after: { name: 'Ana Lima', locale: 'pt-BR' } }]);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'IDENTITY.INVALID_TIME_ZONE'],
    [{ locale: 'not a locale' }, 'locale', 'IDENTITY.INVALID_LOCALE'],
    [{ name: '   ' }, 'name', 'IDENTITY.INVALID_NAME'],
  ])('refuses %j naming %s, and changes nothing', async (patch, field, code) => {
    const { update, users, user, actor, audit } = setup();
    await expect(update.execute(actor, { name: 'Changed', ...patch })).rejects.toMatchObject({ code, details: { fields: [{ field }] } });
    expect((await users.byId(user.id))?.snapshot()).toMatchObject({ name: 'Ana', timeZone: 'Europe/London', locale: 'en-GB' });
    expect(audit.entries).toEqual([]);
  });
});
