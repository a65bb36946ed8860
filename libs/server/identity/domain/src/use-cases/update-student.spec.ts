import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { User } from '../model/user.js';
import { FamilyRepository } from '../ports/index.js';
import { InMemoryRefreshTokens, InMemoryUsers, RecordingIdentityEvents } from '../testing/in-memory.js';
import { StudentAccessPolicy } from './student-access-policy.js';
import { UpdateStudent } from './update-student.js';

const schoolId = newId<SchoolId>();
const clock = new FixedClock('2026-11-23T10:00:00Z');
const admin = { userId: newId<UserId>(), schoolId, roles: ['admin'] };

async function world() {
  const users = new InMemoryUsers();
  const student = User.create({ schoolId, email: 'isla@example.test', name: 'Isla Nowak', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  await users.add(student);
  const events = new RecordingIdentityEvents();
  const audit = new RecordingAuditTrail();
  // An admin's access needs no family read.
  const policy = new StudentAccessPolicy(null as unknown as FamilyRepository);
  const update = new UpdateStudent(users, policy, audit, new SnapshotUnitOfWork([users, audit, events]), clock, events, new InMemoryRefreshTokens());
  return { student, events, update };
}

describe('UpdateStudent tells the other contexts when a date of birth changes', () => {
  it('publishes student.date_of_birth_changed.v1 when it is recorded, changed or cleared', async () => {
    const { student, events, update } = await world();
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
    const { student, events, update } = await world();
    await update.execute(admin, student.id, { dateOfBirth: '2012-04-01' });
    await update.execute(admin, student.id, { dateOfBirth: '2012-04-01', name: 'Isla N.' });
    await update.execute(admin, student.id, { name: 'Isla Nowak' });
    await expect(update.execute(admin, student.id, { dateOfBirth: '2999-01-01' })).rejects.toMatchObject({ code: 'IDENTITY.INVALID_DATE_OF_BIRTH' });
    expect(events.published).toHaveLength(1);
  });
});
