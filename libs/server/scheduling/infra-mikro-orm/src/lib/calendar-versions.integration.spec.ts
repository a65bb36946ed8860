import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonQuery } from '@cadenza/server/scheduling/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { PostgresCalendarVersions } from './postgres-calendar-versions.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

/** Monday 1 February 2027 (UTC) and the week from it. */
const week: LessonQuery = { from: new Date('2027-02-01T00:00:00Z'), to: new Date('2027-02-08T00:00:00Z') };
const nextWeek: LessonQuery = { from: new Date('2027-02-08T00:00:00Z'), to: new Date('2027-02-15T00:00:00Z') };

describe('PostgresCalendarVersions: the lessons trigger keeps a version per school and week', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));
  let em: EntityManager;
  let schoolId: SchoolId;
  let people: UserId[];
  const version = (q: LessonQuery, on = em) => new PostgresCalendarVersions(on).ofRange(q);
  const run = (sql: string, params: unknown[] = []) => em.getConnection().execute(sql, params, 'run');
  const insert = async (start: string, end: string, teacher = people[0], school = schoolId) => {
    const id = newId();
    await run(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], ?, ?, 'scheduled')`, [id, school, teacher, `{${people[1]}}`, start, end]);
    return id;
  };

  beforeAll(async () => {
    ({ em, schoolId, userIds: people } = await freshSchool(db.orm, 3));
  }, 60_000);

  it('changes with every insert, move, cancellation and deletion in the range, and only then', async () => {
    const seen = [await version(week)];
    const changed = async () => {
      const now = await version(week);
      expect(seen).not.toContain(now);
      seen.push(now);
    };
    const id = await insert('2027-02-02T09:00Z', '2027-02-02T10:00Z');
    await changed();
    await run(`update lessons set start_at = '2027-02-03T09:00Z', end_at = '2027-02-03T10:00Z' where id = ?`, [id]);
    await changed();
    await run(`update lessons set status = 'cancelled' where id = ?`, [id]);
    await changed();
    const next = await version(nextWeek);
    await run(`update lessons set start_at = '2027-02-09T09:00Z', end_at = '2027-02-09T10:00Z', status = 'scheduled' where id = ?`, [id]);
    await changed();
    expect(await version(nextWeek)).not.toBe(next);
    await run('delete from lessons where id = ?', [id]);
    await changed();
    // A lesson starting late on the Sunday before may still end inside the week: it counts too.
    await insert('2027-01-31T23:30Z', '2027-02-01T00:30Z');
    await changed();
  });

  it('is not changed by another week, another school, or a change rolled back', async () => {
    const before = await version(week);
    await insert('2027-03-01T09:00Z', '2027-03-01T10:00Z');
    const other = await freshSchool(db.orm, 2);
    await run(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], '2027-02-02T12:00Z', '2027-02-02T13:00Z', 'scheduled')`, [
      newId(),
      other.schoolId,
      other.userIds[0],
      `{${other.userIds[1]}}`,
    ]);
    await em
      .transactional(async (tx) => {
        await tx.getConnection().execute(
          `insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], '2027-02-04T09:00Z', '2027-02-04T10:00Z', 'scheduled')`,
          [newId(), schoolId, people[0], `{${people[1]}}`],
          'run',
          tx.getTransactionContext(),
        );
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await version(week)).toBe(before);
    expect(await version(week, other.em)).not.toBe('0');
  });

  it('lets commits on different connections bump the same week without waiting on each other', async () => {
    // Two connections whose slots differ (a pool's connections do, up to 64 of them).
    const clients: pg.Client[] = [];
    const open = async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      clients.push(client);
      const { rows } = await client.query<{ slot: number }>('select pg_backend_pid() % 64 as slot');
      return { client, slot: rows[0].slot };
    };
    try {
      const first = await open();
      let second = await open();
      while (second.slot === first.slot) second = await open();
      const lesson = (client: pg.Client, start: string, end: string, teacher: UserId) =>
        client.query(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values ($1, $2, $3, $4::uuid[], $5, $6, 'scheduled')`, [
          newId(),
          schoolId,
          teacher,
          `{${people[1]}}`,
          start,
          end,
        ]);
      const before = await version(week);
      // The first bumps its slot now (constraints immediate) and keeps its transaction open, holding that row.
      await first.client.query('begin');
      await lesson(first.client, '2027-02-05T09:00Z', '2027-02-05T10:00Z', people[0]);
      await first.client.query('set constraints all immediate');
      // The second commits a change to the same week meanwhile: with a slot of its own it does not wait.
      await second.client.query(`set statement_timeout = '5s'`);
      await lesson(second.client, '2027-02-05T11:00Z', '2027-02-05T12:00Z', people[2]);
      const between = await version(week);
      expect(between).not.toBe(before);
      await first.client.query('commit');
      expect(await version(week)).not.toBe(between);
      const slots = await second.client.query<{ slot: number }>('select slot from calendar_versions where school_id = $1 and week = $2 order by slot', [schoolId, '2027-02-01']);
      expect(slots.rows.map((r) => r.slot)).toEqual(expect.arrayContaining([first.slot, second.slot]));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
