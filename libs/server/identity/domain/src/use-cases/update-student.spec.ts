import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { newId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { FamilyRepository } from '../ports/index.js';
import { InMemoryRefreshTokens, InMemorySchools, InMemoryStudentProfiles, InMemoryUsers, RecordingIdentityEvents } from '../testing/in-memory.js';
import { StudentAccessPolicy } from './student-access-policy.js';
import { UpdateStudent } from './update-student.js';

const clock = new FixedClock('2026-11-23T10:00:00Z');

async function world() {
  const school = School.create({ name: 'Riverside', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  const schoolId: SchoolId = school.id;
  const admin = { userId: newId<UserId>(), schoolId, roles: ['admin'] };
  const schools = new InMemorySchools(() => schoolId);
  await schools.add(school);
  const users = new InMemoryUsers();
  const student = User.create({ schoolId, email: 'isla@example.test', name: 'Isla Nowak', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  await users.add(student);
  const events = new RecordingIdentityEvents();
  const audit = new RecordingAuditTrail();
  const profiles = new InMemoryStudentProfiles();
  // An admin's access needs no family read.
  const policy = new StudentAccessPolicy(null as unknown as FamilyRepository);
  const update = new UpdateStudent(users, policy, profiles, schools, audit, new SnapshotUnitOfWork([users, audit, events, profiles]), clock, events, new InMemoryRefreshTokens());
  return { admin, schoolId, student, events, update, users, profiles, audit, schools };
}

/** A guardian's `full` access, as the families would answer it. */
class FullAccess extends StudentAccessPolicy {
  constructor() {
    super(null as unknown as FamilyRepository);
  }
  override async levelFor() {
    return 'full' as const;
  }
}

describe('UpdateStudent tells the other contexts when a date of birth changes', () => {
  it('publishes student.date_of_birth_changed.v1 when it is recorded, changed or cleared', async () => {
    const { admin, schoolId, student, events, update } = await world();
    await update.execute(admin, student.id, { dateOfBirth: '2012-04-01' });
    await update.execute(admin, student.id, { dateOfBirth: '2011-04-01' });
    await update.execute(admin, student.id, { dateOfBirth: null });
    expect(events.published.map((e) => [e.type, e.payload.dateOfBirth, e.payload.studentId, e.payload.actorId, e.schoolId])).toEqual([
      ['student.date_of_birth_changed.v1', '2012-04-01', student.id, admin.userId, schoolId],
      ['student.date_of_birth_changed.v1', '2011-04-01', student.id, admin.userId, schoolId],
      ['student.date_of_birth_changed.v1', null, student.id, admin.userId, schoolId],
    ]);
  });

  it('publishes nothing when the date of birth stays as it was, or the change is refused', async () => {
    const { admin, student, events, update } = await world();
    await update.execute(admin, student.id, { dateOfBirth: '2012-04-01' });
    await update.execute(admin, student.id, { dateOfBirth: '2012-04-01', name: 'Isla N.' });
    await update.execute(admin, student.id, { name: 'Isla Nowak' });
    await update.execute(admin, student.id, { instruments: ['Violin'] });
    await expect(update.execute(admin, student.id, { dateOfBirth: '2999-01-01' })).rejects.toMatchObject({ code: 'IDENTITY.INVALID_DATE_OF_BIRTH' });
    expect(events.published).toHaveLength(1);
  });

  it('publishes the change of a date of birth made together with profile fields', async () => {
    const { admin, student, events, update } = await world();
    await update.execute(admin, student.id, { dateOfBirth: '2015-01-01', level: 'Grade 1' });
    expect(events.published.map((e) => e.payload.dateOfBirth)).toEqual(['2015-01-01']);
  });
});

describe('UpdateStudent changes only the fields it is given', () => {
  it('keeps every other field of the account and the profile when one changes', async () => {
    const { admin, student, update } = await world();
    const contact = { name: 'Ola Nowak', phone: '+44 7700 900123', relation: 'Mother' };
    await update.execute(admin, student.id, {
      dateOfBirth: '2014-02-03',
      instruments: ['Piano', 'Theory'],
      level: 'Grade 3',
      schoolYear: 'Year 8',
      staffNotes: 'Likes Bach.',
      medicalNotes: 'Nut allergy.',
      emergencyContact: contact,
    });
    const after = await update.execute(admin, student.id, { level: 'Grade 4' });
    expect(after.student.dateOfBirth).toBe('2014-02-03');
    expect(after.student.name).toBe('Isla Nowak');
    expect(after.profile.snapshot()).toMatchObject({ instruments: ['Piano', 'Theory'], level: 'Grade 4', schoolYear: 'Year 8', staffNotes: 'Likes Bach.', medicalNotes: 'Nut allergy.', emergencyContact: contact });
    const cleared = await update.execute(admin, student.id, { medicalNotes: null });
    expect(cleared.profile.snapshot()).toMatchObject({ medicalNotes: null, staffNotes: 'Likes Bach.', level: 'Grade 4' });
  });

  it('refuses a bad phone, naming the field, and writes nothing of the change', async () => {
    const { admin, student, update, profiles, users, audit } = await world();
    await update.execute(admin, student.id, { level: 'Grade 1' });
    const recorded = audit.entries.length;
    await expect(update.execute(admin, student.id, { name: 'Changed', emergencyContact: { name: 'Ola', phone: 'call me', relation: 'Mother' } })).rejects.toMatchObject({
      code: 'IDENTITY.INVALID_PHONE',
      kind: 'invalid',
      details: { fields: [{ field: 'emergencyContact.phone' }] },
    });
    expect((await users.byId(student.id))?.name).toBe('Isla Nowak');
    expect((await profiles.byStudent(student.id))?.snapshot().emergencyContact).toBeNull();
    expect(audit.entries).toHaveLength(recorded);
  });

  it('keeps the notes out of the audit trail: only the names of the fields changed', async () => {
    const { admin, student, update, audit } = await world();
    await update.execute(admin, student.id, { medicalNotes: 'Epilepsy: see the plan.' });
    expect(JSON.stringify(audit.entries)).not.toContain('Epilepsy');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'identity.student.updated', after: { profileFields: ['medicalNotes'] } });
  });

  it('lets a guardian with full access change what families may, and nothing the school keeps', async () => {
    const { student, schoolId, users, profiles, audit, events, schools } = await world();
    const guardian = { userId: asId<UserId>(newId()), schoolId, roles: ['parent'] };
    const update = new UpdateStudent(users, new FullAccess(), profiles, schools, audit, new SnapshotUnitOfWork([users, audit, events, profiles]), clock, events, new InMemoryRefreshTokens());
    const changed = await update.execute(guardian, student.id, { schoolYear: 'Year 6', emergencyContact: { name: 'Ola', phone: '020 7946 0958', relation: 'Mother' } });
    expect(changed.profile.snapshot().schoolYear).toBe('Year 6');
    expect(changed.seen).toEqual({ staffNotes: false, medicalNotes: false, emergencyContact: true });
    await expect(update.execute(guardian, student.id, { staffNotes: 'mine', level: 'Grade 8' })).rejects.toMatchObject({
      code: 'IDENTITY.FORBIDDEN',
      details: { fields: [{ field: 'staffNotes' }, { field: 'level' }] },
    });
    await expect(update.execute(guardian, student.id, { leftSchoolOn: '2026-01-01' })).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
  });
});
