import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type DataSubject } from '@cadenza/shared/kernel';
import { personalDataContract } from '@cadenza/shared/kernel/testing';
import { MikroOrmSchedulingPersonalData } from './mikro-orm-scheduling-personal-data.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

describe('MikroOrmSchedulingPersonalData on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));

  personalDataContract('scheduling', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
    const [teacher, mila, ana] = userIds as unknown as [string, string, string];
    const subject: DataSubject = { schoolId, personId: userIds[1]!, identifiers: ['Mila Horvat', 'mila@example.test'], pseudonym: 'Former student 1', pseudonymEmail: `erased-${mila}@erased.invalid` };
    const other: DataSubject = { schoolId, personId: userIds[2]!, identifiers: ['Ana Other'], pseudonym: 'Former student 2', pseudonymEmail: `erased-${ana}@erased.invalid` };
    const sql = em.getConnection();
    const lesson = async (student: string, day: number, cancellation: unknown = null) => {
      const id = newId();
      await sql.execute(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status, cancellation) values (?, ?, ?, ?::uuid[], ?, ?, ?, ?)`, [
        id, schoolId, teacher, `{${student}}`, new Date(Date.UTC(2027, 0, day, 9)), new Date(Date.UTC(2027, 0, day, 10)), cancellation ? 'cancelled' : 'scheduled', cancellation ? JSON.stringify(cancellation) : null,
      ]);
      return id;
    };
    const request = async (by: string, student: string, message: string | null, decision: unknown = null) =>
      sql.execute(`insert into lesson_requests (id, school_id, kind, status, requested_by, student_id, teacher_id, message, decision, created_at) values (?, ?, 'new_lesson', ?, ?, ?, ?, ?, ?, now())`, [
        newId(), schoolId, decision ? 'declined' : 'pending', by, student, teacher, message, decision ? JSON.stringify(decision) : null,
      ]);
    await lesson(mila, 4);
    await lesson(mila, 5, { by: mila, reason: 'Mila is away, write to mila@example.test', at: '2027-01-01T10:00:00Z', late: false, creditGranted: true });
    await lesson(mila, 6, { by: teacher, reason: 'Mila Horvat’s teacher is ill', at: '2027-01-01T10:00:00Z', late: false, creditGranted: true });
    await lesson(ana, 7, { by: teacher, reason: 'Ana Other’s room is closed', at: '2027-01-01T10:00:00Z', late: false, creditGranted: true });
    await request(mila, mila, 'Could we move it? Mila Horvat');
    await request(teacher, mila, null, { by: teacher, at: '2027-01-02T10:00:00Z', reason: 'Mila Horvat has exams that week' });
    await request(ana, ana, 'Ana Other asks for Fridays');
    // The adapter's entity manager follows the unit of work's transaction, as the app's request-scoped one does.
    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    const uow = new MikroOrmUnitOfWork(scoped);
    return {
      holder: new MikroOrmSchedulingPersonalData(scoped),
      subject,
      other,
      inUnit: (work) => uow.run(work),
      erasableText: async () => {
        const requests = await sql.execute(`select message, decision, counter, proposed, series from lesson_requests where school_id = ? order by id`, [schoolId]);
        const lessons = await sql.execute(`select cancellation from lessons where school_id = ? order by id`, [schoolId]);
        return JSON.stringify([requests, lessons]);
      },
      recordCount: async () => {
        const [row] = await sql.execute(`select (select count(*) from lessons where school_id = ?) + (select count(*) from lesson_requests where school_id = ?) as n`, [schoolId, schoolId]);
        return Number(row.n);
      },
    };
  });
});
