import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { LessonRequest, type LessonId } from '@cadenza/server/scheduling/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroOrmLessonRequestRepository } from './mikro-orm-lesson-request-repository.js';
import { PostgresCalendarVersions } from './postgres-calendar-versions.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

describe('MikroOrmLessonRequestRepository on PostgreSQL: one open request per lesson, kind and student', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));
  let em: EntityManager;
  let schoolId: SchoolId;
  let teacherId: UserId;
  let studentIds: UserId[];
  const lessonId = newId<LessonId>();
  const week = { from: new Date('2027-02-01T00:00:00Z'), to: new Date('2027-02-08T00:00:00Z') };

  beforeAll(async () => {
    let userIds: UserId[];
    ({ em, schoolId, userIds } = await freshSchool(db.orm, 3));
    [teacherId, ...studentIds] = userIds;
    await em
      .getConnection()
      .execute(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], ?, ?, 'scheduled')`, [
        lessonId,
        schoolId,
        teacherId,
        `{${studentIds.join(',')}}`,
        '2027-02-02T16:00Z',
        '2027-02-02T16:45Z',
      ]);
  }, 60_000);

  const cancellation = (studentId: UserId) =>
    LessonRequest.submit(
      { kind: 'cancellation', lessonId, policy: { lateCancellation: false, creditWillBeGranted: true, noticeHours: 24 }, schoolId, requestedBy: studentId, studentId, teacherId },
      new Date('2027-01-20T10:00:00Z'),
    );

  it('refuses a second open one with SCHEDULING.REQUEST_EXISTS, takes one for another student or once the first is closed, and lists the open ones of lessons', async () => {
    const repo = new MikroOrmLessonRequestRepository(em);
    const versions = new PostgresCalendarVersions(em);
    const before = await versions.ofRange(week);
    const first = cancellation(studentIds[0]);
    await repo.add(first);
    // The request changes its lesson's week, as the calendar's stored answers carry the lesson's open requests.
    expect(await versions.ofRange(week)).not.toBe(before);

    await expect(em.transactional(() => new MikroOrmLessonRequestRepository(em).add(cancellation(studentIds[0])))).rejects.toMatchObject({ code: 'SCHEDULING.REQUEST_EXISTS' });
    const other = cancellation(studentIds[1]);
    await repo.add(other);
    expect((await repo.openAbout([lessonId, newId<LessonId>()])).map((r) => r.id).sort()).toEqual([first.id, other.id].sort());

    first.withdraw(studentIds[0], new Date('2027-01-21T10:00:00Z'));
    await repo.update(first);
    expect((await repo.openAbout([lessonId])).map((r) => r.id)).toEqual([other.id]);
    const again = cancellation(studentIds[0]);
    await repo.add(again);
    expect((await repo.openAbout([lessonId])).map((r) => r.id).sort()).toEqual([other.id, again.id].sort());
    expect(await repo.openAbout([])).toEqual([]);
  });
});
