import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { User } from '../model/user.js';
import { InMemoryTeacherProfiles, InMemoryUsers } from '../testing/in-memory.js';
import { GetTeacher, UpdateTeacherProfile } from './teacher-profiles.js';

const clock = new FixedClock('2026-11-23T10:00:00Z');
const schoolId = newId<SchoolId>();
const person = (roles: string[], userId = newId<UserId>()) => ({ userId, schoolId, roles });

async function world() {
  const users = new InMemoryUsers();
  const profiles = new InMemoryTeacherProfiles();
  const audit = new RecordingAuditTrail();
  const teacher = User.create({ schoolId, email: 'ana@example.test', name: 'Ana Teacher', roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  const student = User.create({ schoolId, email: 'sam@example.test', name: 'Sam Student', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  await users.add(teacher);
  await users.add(student);
  return { teacher, student, profiles, audit, get: new GetTeacher(users, profiles), update: new UpdateTeacherProfile(users, profiles, audit, new SnapshotUnitOfWork([profiles, audit])) };
}

describe('teachers’ profiles', () => {
  it('lets an admin and the teacher change only the fields given, and shows the contact to staff only', async () => {
    const w = await world();
    await w.update.execute(person(['admin']), w.teacher.id, { instruments: ['Violin'], levels: ['Grade 5'], bio: 'Orchestra leader.', phone: '+44 20 7946 0001', email: 'ana.work@example.test' });
    const own = await w.update.execute(person(['teacher'], w.teacher.id), w.teacher.id, { bio: 'Leads the city orchestra.' });
    expect(own.profile.snapshot()).toMatchObject({ instruments: ['Violin'], levels: ['Grade 5'], bio: 'Leads the city orchestra.', phone: '+44 20 7946 0001', email: 'ana.work@example.test' });
    expect((await w.get.execute(person(['parent']), w.teacher.id)).contactSeen).toBe(false);
    expect((await w.get.execute(person(['student']), w.teacher.id)).contactSeen).toBe(false);
    expect((await w.get.execute(person(['accompanist']), w.teacher.id)).contactSeen).toBe(true);
    expect(JSON.stringify(w.audit.entries)).not.toContain('orchestra');
  });

  it('refuses other teachers, families, a bad phone by name, and someone who does not teach', async () => {
    const w = await world();
    await expect(w.update.execute(person(['teacher']), w.teacher.id, { bio: 'Not mine' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.update.execute(person(['parent']), w.teacher.id, { bio: 'Not mine' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.update.execute(person(['admin']), w.teacher.id, { bio: 'Kept?', phone: 'call' })).rejects.toMatchObject({ code: 'IDENTITY.INVALID_PHONE', details: { fields: [{ field: 'phone' }] } });
    expect(w.profiles.rows.size).toBe(0);
    await expect(w.get.execute(person(['admin']), w.student.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(w.update.execute(person(['admin']), w.student.id, { bio: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
