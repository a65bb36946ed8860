import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { newId, type DataSubject } from '@cadenza/shared/kernel';
import { personalDataContract } from '@cadenza/shared/kernel/testing';
import { attendancePersistence } from './attendance-persistence.module.js';
import { MikroOrmAttendancePersonalData } from './mikro-orm-attendance-personal-data.js';

describe('MikroOrmAttendancePersonalData on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(attendancePersistence));

  personalDataContract('attendance', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
    const [teacher, mila, ana] = userIds as unknown as [string, string, string];
    const subject: DataSubject = { schoolId, personId: userIds[1]!, identifiers: ['Mila Horvat', 'mila@example.test'], pseudonym: 'Former student 1', pseudonymEmail: `erased-${mila}@erased.invalid` };
    const other: DataSubject = { schoolId, personId: userIds[2]!, identifiers: ['Ana Other'], pseudonym: 'Former student 2', pseudonymEmail: `erased-${ana}@erased.invalid` };
    const sql = em.getConnection();
    const at = (day: number) => new Date(Date.UTC(2027, 0, day, 9));
    const lesson = async (day: number, students: string[]) => {
      const id = newId();
      await sql.execute(`insert into attendance_lessons (id, school_id, teacher_id, student_ids, start_at, end_at) values (?, ?, ?, ?::uuid[], ?, ?)`, [id, schoolId, teacher, `{${students.join(',')}}`, at(day), new Date(at(day).getTime() + 3_600_000)]);
      await sql.execute(`insert into attendance_registers (school_id, lesson_id, started_at, started_by) values (?, ?, ?, ?)`, [schoolId, id, at(day), teacher]);
      return id;
    };
    const mark = async (lessonId: string, student: string, status: string, note: string | null, change: { from?: string; reason?: string | null; ordinal: number }) => {
      await sql.execute(
        `insert into attendance_entries (school_id, lesson_id, student_id, status, note, marked_by, marked_at) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (lesson_id, student_id) do update set status = excluded.status, note = excluded.note`,
        [schoolId, lessonId, student, status, note, teacher, at(10)],
      );
      await sql.execute(
        `insert into attendance_register_changes (id, school_id, lesson_id, student_id, ordinal, from_status, to_status, to_note, changed_by, changed_at, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [newId(), schoolId, lessonId, student, change.ordinal, change.from ?? null, status, note, teacher, at(10), change.reason ?? null],
      );
    };
    const group = await lesson(4, [mila, ana]);
    const own = await lesson(5, [mila]);
    await mark(group, mila, 'excused', 'Mila Horvat had a concert', { ordinal: 1 });
    await mark(group, ana, 'present', 'Ana Other sat at the front', { ordinal: 2 });
    await mark(own, mila, 'absent_no_notice', null, { ordinal: 1 });
    await mark(own, mila, 'absent_notice', 'Parent wrote from mila@example.test', { ordinal: 2, from: 'absent_no_notice', reason: 'Mila Horvat’s mother had written' });
    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    const uow = new MikroOrmUnitOfWork(scoped);
    return {
      holder: new MikroOrmAttendancePersonalData(scoped),
      subject,
      other,
      inUnit: (work) => uow.run(work),
      erasableText: async () => JSON.stringify([
        await sql.execute(`select note from attendance_entries where school_id = ? order by lesson_id, student_id`, [schoolId]),
        await sql.execute(`select from_note, to_note, reason from attendance_register_changes where school_id = ? order by id`, [schoolId]),
      ]),
      recordCount: async () => {
        const [row] = await sql.execute(`select (select count(*) from attendance_entries where school_id = ?) + (select count(*) from attendance_register_changes where school_id = ?) as n`, [schoolId, schoolId]);
        return Number(row.n);
      },
    };
  });

  it('keeps the marks as they count after an erasure, and the history refuses any other change', async () => {
    await withClient(db.url, async (client) => {
      await expect(client.query(`update attendance_register_changes set to_status = 'present'`)).rejects.toThrow(/append-only/);
      await expect(client.query('delete from attendance_register_changes')).rejects.toThrow(/append-only/);
      await client.query(`update attendance_register_changes set reason = null where reason is not null`);
    });
  });
});
