import type { EntityManager } from '@mikro-orm/postgresql';
import { enterSchool } from '@cadenza/server/platform/db';
import { Lesson, TakenMeanwhile } from '@cadenza/server/scheduling/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { MikroOrmLessonRepository } from './mikro-orm-lesson-repository.js';
import { slotLocks, withBulkLessonWrites } from './slot-locks.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

/**
 * Racing writes of one person's slot queue on the lessons' slot locks before the exclusion constraints:
 * the later one waits for the earlier one's commit (an advisory-lock wait, not a deadlock PostgreSQL has to
 * break after `deadlock_timeout`), then is refused at once. A teacher's changeover buffer is guarded too: the
 * buffer's trigger makes a second write of that teacher's lessons wait for the first, then refuses it inside the buffer.
 */
describe('slot locks on lesson writes', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));
  let school: { em: EntityManager; schoolId: SchoolId; userIds: UserId[] };

  beforeAll(async () => {
    school = await freshSchool(db.orm, 3);
  }, 60_000);

  const lesson = (studentIndex: number, start: string, end: string) =>
    Lesson.schedule({ schoolId: school.schoolId, teacherId: school.userIds[0], studentIds: [school.userIds[studentIndex]], start: new Date(start), end: new Date(end) });

  /** A forked entity manager in the school, as each request has its own. */
  function session(): EntityManager {
    const em = db.orm.em.fork();
    enterSchool(em, school.schoolId);
    return em;
  }

  it('takes one lock for all the lesson writes of a bulk import, where each write would take its slot locks', async () => {
    const advisoryLocksHeld = () => withClient(db.url, async (client) => {
      const { rows } = await client.query(`select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and a.datname = current_database()`);
      return rows[0].n as number;
    });
    const weekly = (week: number, studentIndex: number) => lesson(studentIndex, `2027-05-${String(3 + week).padStart(2, '0')}T09:00:00Z`, `2027-05-${String(3 + week).padStart(2, '0')}T10:00:00Z`);
    const counted: Record<string, number> = {};
    for (const [name, wrap] of [
      ['each write', (work: () => Promise<void>) => work()],
      ['bulk', (work: () => Promise<void>) => withBulkLessonWrites('spec', work)],
    ] as const) {
      await session().transactional(async (em) => {
        const repository = new MikroOrmLessonRepository(em);
        await wrap(async () => {
          for (let week = 0; week < 4; week++) await repository.add([weekly(week * 7 + (name === 'bulk' ? 1 : 0), 1 + (week % 2))]);
        });
        counted[name] = await advisoryLocksHeld();
        throw new Error('roll back');
      }).catch((error: unknown) => {
        if ((error as Error).message !== 'roll back') throw error;
      });
    }
    // Four lessons of a teacher and a student, an hour each: eight slot locks held to the commit, or one.
    expect(counted).toEqual({ 'each write': 8, bulk: 1 });
  });

  it('makes the second of two overlapping writes wait on a slot lock, then refuses it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = session().transactional(async (em) => {
      await new MikroOrmLessonRepository(em).add([lesson(1, '2027-02-01T09:00:00Z', '2027-02-01T10:00:00Z')]);
      firstWrote();
      await held;
    });
    await wrote;
    const second = session().transactional((em) => new MikroOrmLessonRepository(em).add([lesson(2, '2027-02-01T09:30:00Z', '2027-02-01T10:30:00Z')]));
    const secondOutcome = second.then(
      () => 'written',
      (error: unknown) => error,
    );

    // The second transaction is seen waiting on an advisory lock (the slot lock), not on the first's row.
    const waiting = await withClient(db.url, async (client) => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query(`select wait_event from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (rows.length > 0) return rows.map((r: { wait_event: string }) => r.wait_event);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [];
    }).finally(release);
    await first;
    expect(waiting).toEqual(['advisory']);
    expect(await secondOutcome).toBeInstanceOf(TakenMeanwhile);
    const count = await withClient(db.url, async (client) => (await client.query(`select count(*)::int as n from lessons where school_id = $1`, [school.schoolId])).rows[0].n);
    expect(count).toBe(1);
  });

  it('guards a teacher’s changeover buffer: a racing write inside it waits for the first, then is refused; one just outside it is written', async () => {
    const teacher = school.userIds[0];
    const lessons = () => withClient(db.url, async (client) => (await client.query(`select start_at from lessons where school_id = $1 and teacher_id = $2 and start_at::date = '2027-03-01' order by start_at`, [school.schoolId, teacher])).rows.length);
    await withClient(db.url, (client) => client.query(`insert into availabilities (person_id, school_id, buffer_minutes) values ($1, $2, 5) on conflict (person_id) do update set buffer_minutes = 5`, [teacher, school.schoolId]));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = session().transactional(async (em) => {
      await new MikroOrmLessonRepository(em).add([lesson(1, '2027-03-01T16:00:00Z', '2027-03-01T16:30:00Z')]);
      firstWrote();
      await held;
    });
    await wrote;
    // Back to back: no overlap, so only the buffer stands between them.
    const second = session()
      .transactional((em) => new MikroOrmLessonRepository(em).add([lesson(2, '2027-03-01T16:30:00Z', '2027-03-01T17:00:00Z')]))
      .then(
        () => 'written',
        (error: unknown) => error,
      );
    const waiting = await withClient(db.url, async (client) => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query(`select wait_event from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (rows.length > 0) return rows.map((r: { wait_event: string }) => r.wait_event);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [];
    }).finally(release);
    await first;
    expect(waiting).toEqual(['advisory']);
    const refused = await second;
    expect(refused).toBeInstanceOf(TakenMeanwhile);
    expect((refused as TakenMeanwhile).details).toMatchObject({ conflicts: [{ kind: 'teacher', id: teacher }] });
    expect(await lessons()).toBe(1);
    // Five minutes apart is outside the buffer (it keeps the five minutes free, not more).
    await session().transactional((em) => new MikroOrmLessonRepository(em).add([lesson(2, '2027-03-01T16:35:00Z', '2027-03-01T17:00:00Z')]));
    expect(await lessons()).toBe(2);
  });

  it('leaves back-to-back lessons of a teacher without a buffer alone', async () => {
    const teacher = school.userIds[0];
    await withClient(db.url, (client) => client.query(`update availabilities set buffer_minutes = 0 where person_id = $1`, [teacher]));
    await session().transactional((em) => new MikroOrmLessonRepository(em).add([lesson(1, '2027-03-02T16:00:00Z', '2027-03-02T16:30:00Z')]));
    await session().transactional((em) => new MikroOrmLessonRepository(em).add([lesson(2, '2027-03-02T16:30:00Z', '2027-03-02T17:00:00Z')]));
    const count = await withClient(db.url, async (client) => (await client.query(`select count(*)::int as n from lessons where school_id = $1 and start_at::date = '2027-03-02'`, [school.schoolId])).rows[0].n);
    expect(count).toBe(2);
  });

  it('locks every person and room for every UTC hour a scheduled lesson touches, and nothing for a cancelled one', () => {
    const scheduled = Lesson.schedule({
      schoolId: school.schoolId,
      teacherId: school.userIds[0],
      studentIds: [school.userIds[1], school.userIds[2]],
      start: new Date('2027-02-01T09:30:00Z'),
      end: new Date('2027-02-01T11:00:00Z'),
    });
    const hour = Date.parse('2027-02-01T09:00:00Z') / 3_600_000;
    const keys = [...(slotLocks([scheduled])?.keys ?? [])].sort();
    expect(keys).toEqual(school.userIds.flatMap((id) => [`${id}@${hour}`, `${id}@${hour + 1}`]).sort());
    scheduled.cancel({ by: school.userIds[0], reason: 'closed', at: new Date('2027-01-01T00:00:00Z'), late: false, creditGranted: true });
    expect(slotLocks([scheduled])).toBeNull();
  });
});
