import { RequestContext } from '@mikro-orm/postgresql';
import { newId, type SchoolId } from '@cadenza/shared/kernel';
import type { LessonId } from '@cadenza/server/attendance/domain';
import { attendedLessonsContract, practiceContract, registersContract } from '@cadenza/server/attendance/domain/testing';
import { enterSchool, MikroOrmUnitOfWork } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase, type SpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { attendancePersistence } from './attendance-persistence.module.js';
import { MikroOrmAttendedLessons } from './mikro-orm-attended-lessons.js';
import { MikroOrmRegisters } from './mikro-orm-registers.js';
import { MikroOrmAssignments, MikroOrmPracticeLogs, MikroOrmProgressRecords, MikroOrmStudentLessons } from './mikro-orm-practice.js';

/** Runs the work as a request would: in a context of its own, the school entered, in one unit of work (a transaction). */
const inRequest =
  (db: SpecDatabase, schoolId: SchoolId) =>
  <T>(work: () => Promise<T>): Promise<T> =>
    RequestContext.create(db.orm.em, () => {
      enterSchool(db.orm.em, schoolId);
      return new MikroOrmUnitOfWork(db.orm.em).run(work);
    });

describe('attendance adapters on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(attendancePersistence));

  registersContract('MikroORM adapter', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 3);
    const [markerId, ...studentIds] = userIds;
    return {
      registers: new MikroOrmRegisters(db.orm.em),
      unit: inRequest(db, schoolId),
      seed: { lessonIds: Array.from({ length: 3 }, () => newId<LessonId>()), studentIds, markerId },
    };
  });

  attendedLessonsContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 4);
    return { lessons: new MikroOrmAttendedLessons(em), people: userIds };
  });

  practiceContract('MikroORM adapters', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 4);
    const em = db.orm.em;
    return {
      assignments: new MikroOrmAssignments(em),
      practiceLogs: new MikroOrmPracticeLogs(em),
      progress: new MikroOrmProgressRecords(em),
      studentLessons: new MikroOrmStudentLessons(em),
      lessons: new MikroOrmAttendedLessons(em),
      registers: new MikroOrmRegisters(em),
      people: userIds,
      unit: inRequest(db, schoolId),
    };
  });

  it('keeps the history append-only', async () => {
    await withClient(db.url, async (client) => {
      await expect(client.query('update attendance_register_changes set reason = $1', ['tampered'])).rejects.toThrow(/append-only/);
      await expect(client.query('delete from attendance_register_changes')).rejects.toThrow(/append-only/);
    });
  });
});
