import { MINUTE, type Actor } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { Family } from '../model/family.js';
import { newRefreshToken } from '../model/session.js';
import { User } from '../model/user.js';
import { InMemoryFamilies } from '../testing/in-memory-families.js';
import { InMemoryRefreshTokens } from '../testing/in-memory.js';
import { inMemorySchool } from '../testing/in-memory-school.js';
import { ChangeRoles } from './change-roles.js';

const clock = new FixedClock('2026-12-07T10:00:00Z');

async function world() {
  const { school, schools, users, person } = await inMemorySchool(clock.now());
  const families = new InMemoryFamilies();
  const tokens = new InMemoryRefreshTokens();
  const audit = new RecordingAuditTrail();
  const admin = await person('Ada', ['admin'], { safeguardingLead: true });
  const actorOf = (user: User): Actor => ({ userId: user.id, schoolId: school.id, roles: [...user.roles] });
  const change = new ChangeRoles(users, schools, families, tokens, audit, new SnapshotUnitOfWork([users, families, tokens, audit]), clock);
  return { school, users, families, tokens, audit, person, admin, actor: actorOf(admin), actorOf, change };
}

describe('an admin changing someone’s roles', () => {
  it('adds and removes the assignable roles, keeps the student role, ends the person’s sessions and audits the change', async () => {
    const { change, actor, person, users, tokens, audit, school } = await world();
    const tia = await person('Tia', ['teacher', 'student']);
    const session = newRefreshToken({ schoolId: school.id, userId: tia.id, tokenHash: 'tia', ttlMs: 60 * MINUTE, ip: null, userAgent: null }, clock.now());
    await tokens.add(session);
    const changed = await change.execute(actor, tia.id, { roles: ['accompanist', 'admin'] });
    expect([...changed.roles].sort()).toEqual(['accompanist', 'admin', 'student']);
    expect([...((await users.byId(tia.id))?.roles ?? [])].sort()).toEqual(['accompanist', 'admin', 'student']);
    expect(tokens.rows.get(session.id)?.revokedAt).toEqual(clock.now());
    expect(audit.entries).toMatchObject([{ action: 'identity.user.roles_changed', entityId: tia.id, before: { roles: ['teacher', 'student'] }, after: { roles: ['student', 'accompanist', 'admin'] } }]);
  });

  it('changes nothing, and audits nothing, when the roles asked are those held', async () => {
    const { change, actor, person, audit } = await world();
    const tia = await person('Tia', ['teacher']);
    await change.execute(actor, tia.id, { roles: ['teacher'] });
    expect(audit.entries).toEqual([]);
  });

  it('lets an admin add a role to themself and keep their session', async () => {
    const { change, actor, admin, tokens, school } = await world();
    const session = newRefreshToken({ schoolId: school.id, userId: admin.id, tokenHash: 'ada', ttlMs: 60 * MINUTE, ip: null, userAgent: null }, clock.now());
    await tokens.add(session);
    expect([...(await change.execute(actor, admin.id, { roles: ['admin', 'teacher'] })).roles]).toEqual(['admin', 'teacher']);
    expect(tokens.rows.get(session.id)?.revokedAt).toBeNull();
  });

  it('never takes away one’s own admin role nor the last admin’s, naming roles; the lead flag goes with the admin role', async () => {
    const { change, actor, actorOf, admin, person, users, audit } = await world();
    await expect(change.execute(actor, admin.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.CANNOT_REMOVE_OWN_ADMIN', kind: 'conflict', details: { fields: [{ field: 'roles' }] } });
    const bo = await person('Bo', ['admin']);
    // Bo takes Ada's admin role: Bo stays the one admin, and Ada is no longer the safeguarding lead.
    const ada = await change.execute(actorOf(bo), admin.id, { roles: ['teacher'] });
    expect(ada.snapshot().safeguardingLead).toBe(false);
    // Ada's requests with her old token (still saying admin) are refused: Bo is the last admin, and she is none.
    await expect(change.execute(actor, bo.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.LAST_ADMIN', kind: 'conflict', details: { fields: [{ field: 'roles' }] } });
    await expect(change.execute(actor, bo.id, { roles: ['admin', 'teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN', kind: 'forbidden' });
    // A third admin, archived meanwhile, cannot leave the school without one either.
    const cy = await person('Cy', ['admin']);
    await expect(change.execute(actorOf(cy), bo.id, { roles: ['teacher'] })).resolves.toBeDefined();
    await expect(change.execute(actorOf(cy), cy.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.CANNOT_REMOVE_OWN_ADMIN' });
    const dee = await person('Dee', ['admin']);
    const deeUser = await users.byId(dee.id);
    deeUser?.archive('2026-12-01', '2026-12-07');
    if (deeUser) await users.update(deeUser);
    await expect(change.execute(actorOf(cy), dee.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.PERSON_ARCHIVED', kind: 'conflict' });
    await expect(change.execute(actorOf(bo), cy.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.LAST_ADMIN' });
    await expect(change.execute(actorOf(bo), dee.id, { roles: ['admin'] })).rejects.toMatchObject({ code: 'IDENTITY.PERSON_ARCHIVED' });
    expect((await users.list({ role: 'admin', archived: false })).map((u) => u.name)).toEqual(['Cy']);
    expect(audit.entries.map((e) => e.action)).toEqual(['identity.user.roles_changed', 'identity.user.roles_changed']);
  });

  it('refuses roles an admin does not give, none at all, and the parent role of someone still a guardian; nothing changes', async () => {
    const { change, actor, person, users, families, school } = await world();
    const pat = await person('Pat', ['parent']);
    const family = Family.create(school.id, 'Pat family');
    family.addGuardian(pat.id, 'full');
    await families.add(family);
    await expect(change.execute(actor, pat.id, { roles: ['student'] })).rejects.toMatchObject({ code: 'IDENTITY.ROLE_NOT_ASSIGNABLE', kind: 'invalid', details: { fields: [{ field: 'roles' }] } });
    await expect(change.execute(actor, pat.id, { roles: ['owner'] })).rejects.toMatchObject({ code: 'IDENTITY.ROLE_NOT_ASSIGNABLE' });
    await expect(change.execute(actor, pat.id, { roles: [] })).rejects.toMatchObject({ code: 'IDENTITY.ROLE_REQUIRED', details: { fields: [{ field: 'roles' }] } });
    await expect(change.execute(actor, pat.id, { roles: ['teacher'] })).rejects.toMatchObject({ code: 'IDENTITY.STILL_GUARDIAN', kind: 'conflict' });
    await expect(change.execute({ ...actor, roles: ['teacher'] }, pat.id, { roles: ['teacher', 'parent'] })).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
    expect((await users.byId(pat.id))?.roles).toEqual(['parent']);
    expect([...(await change.execute(actor, pat.id, { roles: ['parent', 'teacher'] })).roles]).toEqual(['parent', 'teacher']);
  });
});
