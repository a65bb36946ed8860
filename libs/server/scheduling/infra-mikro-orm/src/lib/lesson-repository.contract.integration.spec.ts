import { newId, type Id } from '@cadenza/shared/kernel';
import type { LessonTypeId, MakeupCreditId, RoomId, SeriesId } from '@cadenza/server/scheduling/domain';
import { lessonRepositoryContract } from '@cadenza/server/scheduling/domain/testing';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { MikroOrmLessonRepository } from './mikro-orm-lesson-repository.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

const some = <T extends Id<string>>(n: number) => Array.from({ length: n }, () => newId<T>());

describe('MikroOrmLessonRepository on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));

  // Each test gets a school of its own, with the rows the lessons' foreign keys need.
  lessonRepositoryContract('MikroORM adapter', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 7);
    const [teacherIds, studentIds] = [userIds.slice(0, 3), userIds.slice(3)];
    const [roomIds, seriesIds, lessonTypeIds, makeupCreditIds] = [some<RoomId>(2), some<SeriesId>(2), some<LessonTypeId>(1), some<MakeupCreditId>(1)];
    const sql = em.getConnection();
    for (const [i, id] of roomIds.entries()) await sql.execute('insert into rooms (id, school_id, name, capacity) values (?, ?, ?, 4)', [id, schoolId, `Room ${i}`]);
    await sql.execute(`insert into lesson_types (id, school_id, name, duration_minutes, format) values (?, ?, 'Piano 45', 45, 'individual')`, [lessonTypeIds[0], schoolId]);
    const termId = newId();
    await sql.execute(`insert into terms (id, school_id, name, start_date, end_date) values (?, ?, 'Spring', '2027-01-04', '2027-03-26')`, [termId, schoolId]);
    for (const id of seriesIds) {
      await sql.execute(
        `insert into lesson_series (id, school_id, teacher_id, student_ids, term_id, rrule, start_time, duration_minutes, first_date, until_date, time_zone)
         values (?, ?, ?, ?::uuid[], ?, 'FREQ=WEEKLY', '09:00', 60, '2027-01-04', '2027-03-26', 'UTC')`,
        [id, schoolId, teacherIds[0], `{${studentIds[0]}}`, termId],
      );
    }
    // A credit to spend needs a cancelled lesson it came from: long ago, out of the contract's way.
    const originId = newId();
    await sql.execute(
      `insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], '2020-01-06T09:00Z', '2020-01-06T10:00Z', 'cancelled')`,
      [originId, schoolId, teacherIds[0], `{${studentIds[0]}}`],
    );
    await sql.execute(
      `insert into makeup_credits (id, school_id, student_id, origin_lesson_id, granted_at, expires_at, status) values (?, ?, ?, ?, '2020-01-01T00:00Z', '2030-01-01T00:00Z', 'available')`,
      [makeupCreditIds[0], schoolId, studentIds[0], originId],
    );
    return { repo: new MikroOrmLessonRepository(em), seed: { schoolId, teacherIds, studentIds, roomIds, seriesIds, lessonTypeIds, makeupCreditIds } };
  });
});
