import { asId, type Actor, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { newId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { User } from '../model/user.js';
import { InMemoryFamilies } from '../testing/in-memory-families.js';
import { InMemoryUsers } from '../testing/in-memory.js';
import { inMemorySchool } from '../testing/in-memory-school.js';
import { SchoolDay } from './school-day.js';
import { AddChild } from './add-child.js';
import { AddGuardian } from './add-guardian.js';
import { ChangeGuardianAccess } from './change-guardian-access.js';
import { CreateFamily } from './create-family.js';
import { MoveChild } from './move-child.js';
import { RemoveGuardian } from './remove-guardian.js';
import { UpdateFamily } from './update-family.js';

const clock = new FixedClock('2026-12-07T10:00:00Z');
const schoolId = newId<SchoolId>();

async function world() {
  const { schools } = await inMemorySchool(clock.now());
  const day = new SchoolDay(schools, clock);
  const users = new InMemoryUsers();
  const families = new InMemoryFamilies();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([users, families, audit]);
  const person = async (name: string, roles: string[], dateOfBirth: string | null = null) => {
    const user = User.create({ schoolId, email: `${name.toLowerCase().replace(/ /g, '.')}@example.org`, name, roles, timeZone: 'Europe/London', locale: 'en-GB', dateOfBirth }, clock.now());
    await users.add(user);
    return user.id;
  };
  const admin: Actor = { userId: await person('Ada Admin', ['admin']), schoolId, roles: ['admin'] };
  const ids = {
    mum: await person('Mia Park', ['parent']),
    dad: await person('Dan Park', ['parent']),
    teacher: await person('Tom Teach', ['teacher']),
    minor: await person('Sam Park', ['student'], '2015-03-02'),
    adult: await person('Ali Park', ['student'], '2001-01-01'),
    unknownAge: await person('Kit Park', ['student']),
  };
  return {
    users,
    families,
    audit,
    admin,
    ids,
    create: new CreateFamily(families, audit, uow),
    update: new UpdateFamily(families, audit, uow),
    addGuardian: new AddGuardian(families, users, audit, uow),
    access: new ChangeGuardianAccess(families, users, audit, uow, day),
    removeGuardian: new RemoveGuardian(families, users, audit, uow, day),
    addChild: new AddChild(families, users, audit, uow),
    move: new MoveChild(families, audit, uow),
  };
}

describe('families, as an admin keeps them', () => {
  it('creates a family, adds children and guardians with access per child, marks the payer, and audits each change', async () => {
    const w = await world();
    const family = await w.create.execute(w.admin, { name: '  The Parks ' });
    expect(family.name).toBe('The Parks');
    await w.addChild.execute(w.admin, family.id, { childId: w.ids.minor });
    await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.mum, level: 'full' });
    await w.addChild.execute(w.admin, family.id, { childId: w.ids.adult, access: [{ guardianId: w.ids.mum, level: 'view' }] });
    const withDad = await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.dad, level: 'view', access: [{ childId: w.ids.adult, level: 'none' }] });
    expect(withDad.snapshot().access).toEqual([
      { guardianId: w.ids.mum, childId: w.ids.minor, level: 'full' },
      { guardianId: w.ids.mum, childId: w.ids.adult, level: 'view' },
      { guardianId: w.ids.dad, childId: w.ids.minor, level: 'view' },
    ]);
    expect(withDad.siblingsOf(w.ids.minor)).toEqual([w.ids.adult]);
    const paid = await w.update.execute(w.admin, family.id, { name: 'Park family', payerId: w.ids.dad });
    expect({ name: paid.name, payer: paid.payerId }).toEqual({ name: 'Park family', payer: w.ids.dad });
    expect(w.audit.entries.map((e) => e.action)).toEqual([
      'identity.family.created',
      'identity.family.child_added',
      'identity.family.guardian_added',
      'identity.family.child_added',
      'identity.family.guardian_added',
      'identity.family.updated',
    ]);
  });

  it('makes a teacher linked as a guardian a parent too, keeping their teaching role', async () => {
    const w = await world();
    const family = await w.create.execute(w.admin, { name: 'Teachers at home' });
    await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.teacher, level: 'full' });
    expect((await w.users.byId(w.ids.teacher))?.roles).toEqual(['teacher', 'parent']);
    expect(w.audit.entries.map((e) => e.action)).toContain('identity.user.roles_changed');
  });

  it('refuses a guardian linked twice, a child added twice, a payer who is not a guardian, and someone unknown, naming the field; nothing changes', async () => {
    const w = await world();
    const family = await w.create.execute(w.admin, { name: 'The Parks' });
    await w.addChild.execute(w.admin, family.id, { childId: w.ids.minor });
    await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.mum, level: 'full' });
    const before = w.families.rows.get(family.id);
    await expect(w.addGuardian.execute(w.admin, family.id, { userId: w.ids.mum, level: 'view' })).rejects.toMatchObject({ code: 'IDENTITY.ALREADY_GUARDIAN', kind: 'conflict', details: { fields: [{ field: 'userId' }] } });
    await expect(w.addChild.execute(w.admin, family.id, { childId: w.ids.minor })).rejects.toMatchObject({ code: 'IDENTITY.ALREADY_IN_FAMILY', kind: 'conflict' });
    await expect(w.addChild.execute(w.admin, family.id, { childId: w.ids.mum })).rejects.toMatchObject({ code: 'IDENTITY.NOT_A_STUDENT', details: { fields: [{ field: 'childId' }] } });
    await expect(w.update.execute(w.admin, family.id, { payerId: w.ids.dad })).rejects.toMatchObject({ code: 'IDENTITY.PAYER_NOT_GUARDIAN', details: { fields: [{ field: 'payerId' }] } });
    await expect(w.update.execute(w.admin, family.id, { name: ' ' })).rejects.toMatchObject({ details: { fields: [{ field: 'name' }] } });
    await expect(w.addGuardian.execute(w.admin, family.id, { userId: asId<UserId>(newId()), level: 'full' })).rejects.toMatchObject({ code: 'IDENTITY.UNKNOWN_PERSON' });
    await expect(w.addChild.execute(w.admin, family.id, { childId: w.ids.adult, access: [{ guardianId: w.ids.dad, level: 'view' }] })).rejects.toMatchObject({ details: { fields: [{ field: 'access.0.guardianId' }] } });
    await expect(w.create.execute({ ...w.admin, roles: ['parent'] }, { name: 'Mine' })).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
    expect(w.families.rows.get(family.id)).toEqual(before);
    expect(w.families.rows.size).toBe(1);
  });

  it('never leaves a minor (or a child whose age is unknown) without a full-access guardian; an adult child may be', async () => {
    const w = await world();
    const family = await w.create.execute(w.admin, { name: 'The Parks' });
    for (const childId of [w.ids.minor, w.ids.adult, w.ids.unknownAge]) await w.addChild.execute(w.admin, family.id, { childId });
    await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.mum, level: 'full' });
    await w.addGuardian.execute(w.admin, family.id, { userId: w.ids.dad, level: 'view' });
    await expect(w.removeGuardian.execute(w.admin, family.id, w.ids.mum)).rejects.toMatchObject({ code: 'IDENTITY.LAST_FULL_GUARDIAN', kind: 'conflict' });
    await expect(w.access.execute(w.admin, family.id, w.ids.mum, [{ childId: w.ids.minor, level: 'view' }])).rejects.toMatchObject({ code: 'IDENTITY.LAST_FULL_GUARDIAN' });
    await expect(w.access.execute(w.admin, family.id, w.ids.mum, [{ childId: w.ids.unknownAge, level: 'none' }])).rejects.toMatchObject({ code: 'IDENTITY.LAST_FULL_GUARDIAN' });
    // The adult child may keep a view-only guardian.
    await w.access.execute(w.admin, family.id, w.ids.mum, [{ childId: w.ids.adult, level: 'view' }]);
    // Once the other guardian has full access, the first may go; the payer with them.
    await w.update.execute(w.admin, family.id, { payerId: w.ids.mum });
    await w.access.execute(w.admin, family.id, w.ids.dad, [{ childId: w.ids.minor, level: 'full' }, { childId: w.ids.unknownAge, level: 'full' }]);
    const after = await w.removeGuardian.execute(w.admin, family.id, w.ids.mum);
    expect({ guardians: after.guardianIds, payer: after.payerId }).toEqual({ guardians: [w.ids.dad], payer: null });
    expect(after.accessOf(w.ids.mum, w.ids.minor)).toBeNull();
  });

  it('moves a child to another family in one unit: the old guardians lose their access, the new ones get it', async () => {
    const w = await world();
    const parks = await w.create.execute(w.admin, { name: 'The Parks' });
    const others = await w.create.execute(w.admin, { name: 'The Others' });
    await w.addChild.execute(w.admin, parks.id, { childId: w.ids.adult });
    await w.addGuardian.execute(w.admin, parks.id, { userId: w.ids.mum, level: 'full' });
    await w.addGuardian.execute(w.admin, others.id, { userId: w.ids.dad, level: 'full' });
    const moved = await w.move.execute(w.admin, parks.id, w.ids.adult, { toFamilyId: others.id, access: [{ guardianId: w.ids.dad, level: 'view' }] });
    expect(moved.from.childIds).toEqual([]);
    expect(moved.to.childIds).toEqual([w.ids.adult]);
    expect((await w.families.byId(parks.id))?.accessOf(w.ids.mum, w.ids.adult)).toBeNull();
    expect((await w.families.byId(others.id))?.accessOf(w.ids.dad, w.ids.adult)).toBe('view');
    await expect(w.move.execute(w.admin, others.id, w.ids.adult, { toFamilyId: others.id })).rejects.toMatchObject({ details: { fields: [{ field: 'toFamilyId' }] } });
    await expect(w.move.execute(w.admin, others.id, w.ids.adult, { toFamilyId: asId<FamilyId>(newId()) })).rejects.toMatchObject({ code: 'IDENTITY.UNKNOWN_FAMILY' });
    await expect(w.move.execute(w.admin, parks.id, w.ids.adult, { toFamilyId: others.id })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
