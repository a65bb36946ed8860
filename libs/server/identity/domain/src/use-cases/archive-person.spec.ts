import { MINUTE, type Actor, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { newRefreshToken } from '../model/session.js';
import { InMemoryPersonLessons, InMemoryRefreshTokens } from '../testing/in-memory.js';
import { inMemorySchool } from '../testing/in-memory-school.js';
import { ArchivePerson } from './archive-person.js';
import { ListStudents } from './list-students.js';
import { ListTeachers } from './list-teachers.js';
import { PreviewArchive } from './preview-archive.js';
import { RestorePerson } from './restore-person.js';
import { FamilyRepository } from '../ports/index.js';

// 23:30 in London on 6 December is already 7 December in Auckland: the leaving day is the school's.
const clock = new FixedClock('2026-12-06T23:30:00Z');

async function world(timeZone = 'Pacific/Auckland') {
  const { school, schools, users, person } = await inMemorySchool(clock.now(), timeZone);
  const admin = await person('Ada', ['admin']);
  const student = await person('Sam', ['student']);
  const teacher = await person('Tia', ['teacher', 'parent']);
  const tokens = new InMemoryRefreshTokens();
  const session = newRefreshToken({ schoolId: school.id, userId: student.id, tokenHash: 'sam', ttlMs: 60 * MINUTE, ip: null, userAgent: null }, clock.now());
  await tokens.add(session);
  const lessons = new InMemoryPersonLessons();
  const at = (iso: string) => new Date(iso);
  lessons.lessons.push(
    { personId: student.id, id: 'past', start: at('2026-12-01T16:00:00Z'), end: at('2026-12-01T16:30:00Z'), role: 'student', otherStudents: 0 },
    { personId: student.id, id: 'next', start: at('2026-12-08T16:00:00Z'), end: at('2026-12-08T16:30:00Z'), role: 'student', otherStudents: 0 },
    { personId: student.id, id: 'group', start: at('2026-12-09T16:00:00Z'), end: at('2026-12-09T17:00:00Z'), role: 'student', otherStudents: 3 },
  );
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([users, tokens, audit]);
  const actor: Actor = { userId: admin.id, schoolId: school.id, roles: ['admin'] };
  return {
    users,
    tokens,
    lessons,
    audit,
    actor,
    admin,
    student,
    teacher,
    session,
    person,
    preview: new PreviewArchive(users, lessons, clock),
    archive: new ArchivePerson(users, schools, tokens, lessons, audit, uow, clock),
    restore: new RestorePerson(users, audit, uow),
  };
}

const noFamilies = null as unknown as FamilyRepository;

describe('archiving and restoring a person', () => {
  it('previews the lessons still to come, in order, with their part and the other students', async () => {
    const { preview, actor, student } = await world();
    const found = await preview.execute(actor, student.id);
    expect(found.person.id).toBe(student.id);
    expect(found.lessons.map((l) => [l.id, l.role, l.otherStudents])).toEqual([
      ['next', 'student', 0],
      ['group', 'student', 3],
    ]);
  });

  it('archives on today’s date in the school’s zone, ends every session at once, keeps the lessons unless asked, and audits it', async () => {
    const { archive, actor, student, users, tokens, session, lessons, audit } = await world();
    const archived = await archive.execute(actor, student.id);
    expect(archived.leftSchoolOn).toBe('2026-12-07');
    expect((await users.byId(student.id))?.archived).toBe(true);
    expect(tokens.rows.get(session.id)?.revokedAt).toEqual(clock.now());
    expect(lessons.cancelled).toEqual([]);
    expect(audit.entries).toMatchObject([{ action: 'identity.person.archived', entityId: student.id, before: { leftSchoolOn: null }, after: { leftSchoolOn: '2026-12-07', cancelledLessonIds: [] } }]);
  });

  it('cancels their lessons still to come in the same action when asked, with the reason given', async () => {
    const { archive, actor, student, lessons, audit } = await world();
    await archive.execute(actor, student.id, { leftOn: '2026-12-05', cancelFutureLessons: true, reason: 'Moved away' });
    expect(lessons.cancelled).toEqual([{ by: actor.userId, ids: ['next', 'group'], reason: 'Moved away' }]);
    expect(audit.entries[0]?.after).toMatchObject({ leftSchoolOn: '2026-12-05', cancelledLessonIds: ['next', 'group'] });
  });

  it('drops archived people out of the lists and pickers; admins can still ask for them', async () => {
    const { archive, actor, student, teacher, users } = await world();
    await archive.execute(actor, student.id);
    await archive.execute(actor, teacher.id);
    const list = new ListStudents(users, noFamilies);
    expect(await list.execute(actor)).toEqual([]);
    expect((await list.execute(actor, { status: 'archived' })).map((u) => u.id)).toEqual([student.id]);
    expect((await list.execute({ ...actor, roles: ['teacher'] }, { status: 'all' })).map((u) => u.id)).toEqual([]);
    expect(await new ListTeachers(users).execute(actor)).toEqual([]);
  });

  it('never archives oneself, nor the last admin, nor twice; a bad date names its field; nothing changes', async () => {
    const { archive, actor, admin, student, users, audit, person } = await world();
    await expect(archive.execute(actor, admin.id)).rejects.toMatchObject({ code: 'IDENTITY.CANNOT_ARCHIVE_SELF', kind: 'conflict' });
    // Another admin, the only other one, may not archive the first when that leaves none: here the caller is
    // a second admin archived meanwhile (a stale token), so Ada is the last.
    const other = await person('Bo', ['admin']);
    const bo: Actor = { userId: other.id, schoolId: actor.schoolId, roles: ['admin'] };
    await archive.execute(actor, other.id);
    await expect(archive.execute(bo, admin.id)).rejects.toMatchObject({ code: 'IDENTITY.LAST_ADMIN', kind: 'conflict' });
    await expect(archive.execute(actor, other.id)).rejects.toMatchObject({ code: 'IDENTITY.ALREADY_ARCHIVED', kind: 'conflict' });
    await expect(archive.execute(actor, student.id, { leftOn: '2026-12-25' })).rejects.toMatchObject({ kind: 'invalid', details: { fields: [{ field: 'leftOn' }] } });
    await expect(archive.execute({ ...actor, roles: ['teacher'] }, student.id)).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
    expect((await users.byId(student.id))?.archived).toBe(false);
    expect((await users.byId(admin.id))?.archived).toBe(false);
    expect(audit.entries.map((e) => e.action)).toEqual(['identity.person.archived']);
  });

  it('restores an archived person, audited; restoring someone at the school is a conflict', async () => {
    const { archive, restore, actor, student, users, audit } = await world();
    await expect(restore.execute(actor, student.id)).rejects.toMatchObject({ code: 'IDENTITY.NOT_ARCHIVED', kind: 'conflict' });
    await archive.execute(actor, student.id);
    const back = await restore.execute(actor, student.id);
    expect(back.archived).toBe(false);
    expect((await users.byId(student.id))?.leftSchoolOn).toBeNull();
    expect(audit.entries.map((e) => e.action)).toEqual(['identity.person.archived', 'identity.person.restored']);
    await expect(restore.execute(actor, '00000000-0000-4000-8000-000000000000' as UserId)).rejects.toMatchObject({ code: 'IDENTITY.NOT_FOUND' });
  });
});
