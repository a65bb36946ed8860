import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, FixedPersonalDataHolders, ImmediateUnitOfWork, InMemoryPersonalData, InMemoryRateLimiter, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { StudentProfile } from '../model/student-profile.js';
import { TeacherProfile } from '../model/teacher-profile.js';
import { User } from '../model/user.js';
import { InMemoryPersonalDataErasures } from '../testing/in-memory-erasures.js';
import { InMemoryStudentProfiles, InMemoryTeacherProfiles, InMemoryUsers } from '../testing/in-memory.js';
import { ErasePerson } from './erase-person.js';
import { ExportPersonalData } from './export-personal-data.js';

const schoolId = newId<SchoolId>();
const clock = new FixedClock('2026-12-08T10:00:00Z');
const admin = { userId: newId<UserId>(), schoolId, roles: ['admin'] };

async function world() {
  const users = new InMemoryUsers();
  const student = User.create({ schoolId, email: 'mila.horvat@example.test', name: 'Mila Horvat', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB', dateOfBirth: '2011-02-03' }, clock.now());
  student.archive('2026-07-20', '2026-12-08');
  await users.add(student);
  const stayer = User.create({ schoolId, email: 'ana@example.test', name: 'Ana Stay', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  await users.add(stayer);
  // The phones the profiles hold: the student's emergency contact's, and (for someone who also teaches) a work phone and address.
  const students = new InMemoryStudentProfiles();
  const profile = StudentProfile.empty(schoolId, student.id);
  profile.change({ emergencyContact: { name: 'Ivo Horvat', phone: '+44 7700 900123', relation: 'father' } });
  await students.save(profile);
  const teachers = new InMemoryTeacherProfiles();
  const teaching = TeacherProfile.empty(schoolId, student.id);
  teaching.change({ phone: '020 7946 0958', email: 'mila@work.example' });
  await teachers.save(teaching);
  const scheduling = new InMemoryPersonalData('scheduling').hold(student.id, { request: 'Mila Horvat asks for Tuesday; call +44 7700 900123 or 020 7946 0958, or mila@work.example' });
  const messaging = new InMemoryPersonalData('messaging').hold(student.id, { body: 'Write to mila.horvat@example.test' });
  messaging.retained = ['Thread 1 is kept until its retention ends.'];
  const identity = new InMemoryPersonalData('identity').hold(student.id, { name: 'Mila Horvat' });
  const holders = new FixedPersonalDataHolders([scheduling, messaging, identity]);
  const erasures = new InMemoryPersonalDataErasures();
  const audit = new RecordingAuditTrail();
  const limiter = new InMemoryRateLimiter();
  const ports = [users, students, teachers, erasures, holders, limiter, audit, new ImmediateUnitOfWork(), clock] as const;
  return { users, student, stayer, scheduling, messaging, identity, erasures, audit, exporter: new ExportPersonalData(...ports), erase: new ErasePerson(...ports) };
}

describe('ExportPersonalData', () => {
  it('gathers every context’s section about the person, and audits the export without personal text', async () => {
    const w = await world();
    const bundle = await w.exporter.execute(admin, w.student.id);
    expect(bundle.sections.map((s) => s.context)).toEqual(['scheduling', 'messaging', 'identity']);
    expect(bundle.name).toBe('Mila Horvat');
    expect(bundle.sections[1]?.retained).toEqual(['Thread 1 is kept until its retention ends.']);
    expect(w.audit.entries).toEqual([expect.objectContaining({ action: 'identity.personal_data.exported', entityId: w.student.id, after: { contexts: ['scheduling', 'messaging', 'identity'] } })]);
    expect(JSON.stringify(w.audit.entries)).not.toContain('Mila');
  });

  it('is for admins only, and other schools’ people are not found', async () => {
    const w = await world();
    await expect(w.exporter.execute({ ...admin, roles: ['teacher'] }, w.student.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.exporter.execute(admin, newId<UserId>())).rejects.toMatchObject({ kind: 'not_found' });
    expect(w.audit.entries).toEqual([]);
  });

  it('is limited per admin: ten at once, then one a minute', async () => {
    const w = await world();
    for (let i = 0; i < 10; i += 1) await w.exporter.execute(admin, w.student.id);
    await expect(w.exporter.execute(admin, w.student.id)).rejects.toMatchObject({ kind: 'rate_limited', code: 'IDENTITY.TOO_MANY_PERSONAL_DATA_REQUESTS' });
  });
});

describe('ErasePerson', () => {
  it('anonymises the person in every context, identity last, with a stable pseudonym, audited without personal text', async () => {
    const w = await world();
    const outcome = await w.erase.execute(admin, w.student.id, { confirmName: ' mila horvat ' });
    expect(outcome.pseudonym).toBe('Former student 1');
    expect(JSON.stringify([...w.scheduling.records.values(), ...w.messaging.records.values(), ...w.identity.records.values()])).not.toMatch(/Mila|horvat|7700|7946/i);
    expect(w.identity.records.get(w.student.id)).toEqual([{ name: 'Former student 1' }]);
    expect(w.messaging.records.get(w.student.id)).toEqual([{ body: `Write to erased-${w.student.id}@erased.invalid` }]);
    expect(w.audit.entries.map((e) => [e.action, e.after])).toEqual([
      ['identity.person.erasure_started', { number: 1 }],
      ['identity.person.erased', { number: 1, contexts: ['scheduling', 'messaging', 'identity'] }],
    ]);
    const again = await w.erase.execute(admin, w.student.id, { confirmName: 'anything' });
    expect(again.pseudonym).toBe('Former student 1');
    expect(w.audit.entries).toHaveLength(2);
  });

  it('goes on after a crash with the same number, and the steps already done change nothing more', async () => {
    const w = await world();
    w.messaging.failNextErase();
    await expect(w.erase.execute(admin, w.student.id, { confirmName: 'Mila Horvat' })).rejects.toThrow('messaging failed mid-erasure');
    expect(w.identity.erased).toEqual([]);
    expect((await w.erasures.of(w.student.id))?.finishedAt).toBeNull();
    const outcome = await w.erase.execute(admin, w.student.id, { confirmName: 'Mila Horvat' });
    expect(outcome.pseudonym).toBe('Former student 1');
    expect(w.scheduling.erased).toEqual([w.student.id, w.student.id]);
    expect(w.audit.entries.map((e) => e.action)).toEqual(['identity.person.erasure_started', 'identity.person.erased']);
  });

  it('refuses a wrong name (400 on confirmName), someone not archived, oneself and non-admins, changing nothing', async () => {
    const w = await world();
    await expect(w.erase.execute(admin, w.student.id, { confirmName: 'Mila' })).rejects.toMatchObject({ kind: 'invalid', details: { fields: [{ field: 'confirmName' }] } });
    await expect(w.erase.execute(admin, w.stayer.id, { confirmName: 'Ana Stay' })).rejects.toMatchObject({ kind: 'conflict', code: 'IDENTITY.NOT_ARCHIVED' });
    await expect(w.erase.execute({ ...admin, userId: w.student.id }, w.student.id, { confirmName: 'Mila Horvat' })).rejects.toMatchObject({ code: 'IDENTITY.CANNOT_ERASE_SELF' });
    await expect(w.erase.execute({ ...admin, roles: ['parent'] }, w.student.id, { confirmName: 'Mila Horvat' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.erasures.rows.size).toBe(0);
    expect(w.audit.entries).toEqual([]);
    expect(w.scheduling.erased).toEqual([]);
  });

  it('numbers each erased person of the school once', async () => {
    const w = await world();
    w.stayer.archive('2026-06-01', '2026-12-08');
    await w.users.update(w.stayer);
    await w.erase.execute(admin, w.student.id, { confirmName: 'Mila Horvat' });
    expect((await w.erase.execute(admin, w.stayer.id, { confirmName: 'Ana Stay' })).pseudonym).toBe('Former student 2');
  });
});
