import { newId, type Id } from '@cadenza/shared/kernel';
import type { LessonId } from '@cadenza/server/scheduling/domain';
import { makeupCreditRepositoryContract } from '@cadenza/server/scheduling/domain/testing';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { MikroOrmMakeupCreditRepository } from './mikro-orm-makeup-credit-repository.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

const some = <T extends Id<string>>(n: number) => Array.from({ length: n }, () => newId<T>());

describe('MikroOrmMakeupCreditRepository on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));

  makeupCreditRepositoryContract('MikroORM adapter', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
    const [teacherId, ...studentIds] = userIds;
    const lessonIds = some<LessonId>(4);
    const sql = em.getConnection();
    // The lessons credits come from and are spent on, a day apart.
    for (const [i, id] of lessonIds.entries()) {
      await sql.execute(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], ?, ?, 'scheduled')`, [
        id,
        schoolId,
        teacherId,
        `{${studentIds.join(',')}}`,
        new Date(Date.UTC(2027, 0, 4 + i, 9)),
        new Date(Date.UTC(2027, 0, 4 + i, 10)),
      ]);
    }
    return {
      repo: new MikroOrmMakeupCreditRepository(em),
      seed: { schoolId, studentIds, lessonIds },
      // The sweep crosses schools: leave no credit of this school behind for the next test's sweep.
      cleanup: async () => {
        await sql.execute('delete from makeup_credits where school_id = ?', [schoolId]);
      },
    };
  });
});
