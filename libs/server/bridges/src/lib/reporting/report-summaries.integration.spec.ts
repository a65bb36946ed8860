import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxSignal, OutboxWriter } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { integrationEvent, outgoingEvent, type IntegrationEvent } from '@cadenza/shared/integration-events';
import { asId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { persistence } from '../persistence.js';
import { ReportSummariesConsumer } from './report-summaries-consumer.js';

/**
 * The reports' summaries as the consumer keeps them, held to the records: after a random mix of bookings, moves,
 * changes of students, cancellations, starts and marks (each written to scheduling's or attendance's tables with the
 * event its context publishes), with the consumer reading some of the events between changes and the rest at the end,
 * the school's summary rows are exactly what its lessons, registers and marks say, counted here in TypeScript; another
 * school's rows are untouched.
 */
describe('the reports’ summaries kept by their consumer', () => {
  const db = useSpecDatabase(persistence);
  const uuid = () => globalThis.crypto.randomUUID();
  const STATUSES = ['present', 'late', 'absent_notice', 'absent_no_notice', 'excused'] as const;
  let em: EntityManager;
  let consumer: ReportSummariesConsumer;

  beforeAll(() => {
    em = db.orm.em.fork();
    consumer = new ReportSummariesConsumer(db.orm.em, new OutboxSignal(db.url), { now: () => new Date() });
  });

  async function seedSchool(): Promise<{ school: string; teachers: string[]; students: string[]; rooms: string[] }> {
    const sql = em.getConnection();
    const school = uuid();
    await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'Summaries', ?, 'Europe/London', 'GBP', 'en-GB', now())`, [school, `summaries-${school.slice(0, 8)}`]);
    const person = async (role: string) => {
      const id = uuid();
      await sql.execute(`insert into users (id, school_id, email, name, roles, time_zone, locale, created_at) values (?, ?, ?, ?, ?::text[], 'Europe/London', 'en-GB', now())`, [id, school, `${id}@summaries.example`, `${role} ${id.slice(0, 4)}`, `{${role}}`]);
      return id;
    };
    const teachers = [await person('teacher'), await person('teacher')];
    const students = [await person('student'), await person('student'), await person('student'), await person('student')];
    const rooms: string[] = [];
    for (const name of ['Room A', 'Room B']) {
      const id = uuid();
      rooms.push(id);
      await sql.execute(`insert into rooms (id, school_id, name, capacity, active) values (?, ?, ?, 4, true)`, [id, school, name]);
    }
    return { school, teachers, students, rooms };
  }

  type Op =
    | { kind: 'book'; teacher: number; students: number[]; room: number | null }
    | { kind: 'move'; lesson: number; room: number | null }
    | { kind: 'students'; lesson: number; students: number[] }
    | { kind: 'cancel'; lesson: number }
    | { kind: 'start'; lesson: number; delay: number }
    | { kind: 'mark'; lesson: number; student: number; status: (typeof STATUSES)[number] }
    | { kind: 'consume' };
  const studentsArb = fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 });
  const lesson = fc.nat(40);
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('book' as const), teacher: fc.nat(1), students: studentsArb, room: fc.option(fc.nat(1), { nil: null }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), lesson, room: fc.option(fc.nat(1), { nil: null }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('students' as const), lesson, students: studentsArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), lesson }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), lesson, delay: fc.integer({ min: -2, max: 12 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('mark' as const), lesson, student: fc.nat(2), status: fc.constantFrom(...STATUSES) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'consume' as const }) },
  );

  interface Booked {
    id: string;
    teacher: string;
    students: string[];
    room: string | null;
    start: Date;
    end: Date;
    cancelled: boolean;
  }

  /** Applies the changes as scheduling and attendance write them, each with its event, in one transaction each. */
  async function apply(target: Awaited<ReturnType<typeof seedSchool>>, ops: Op[]): Promise<void> {
    const booked: Booked[] = [];
    // Each booking and each move takes a slot of its own (an hour apart from 08:00 UTC on 2026-10-20), so nobody is ever booked twice.
    let slot = 0;
    const nextSlot = () => {
      const start = new Date(Date.UTC(2026, 9, 20, 8) + slot++ * 3_600_000);
      return { start, end: new Date(start.getTime() + 45 * 60_000) };
    };
    const schoolId = asId<SchoolId>(target.school);
    const asLesson = (b: Booked) => ({
      lessonId: b.id as Id<'Lesson'>,
      seriesId: null,
      teacherId: asId<UserId>(b.teacher),
      studentIds: b.students.map((s) => asId<UserId>(s)),
      accompanistId: null,
      roomId: b.room as Id<'Room'> | null,
      start: b.start.toISOString(),
      end: b.end.toISOString(),
    });
    const publish = (tx: EntityManager, event: IntegrationEvent) => new OutboxWriter(tx).append(outgoingEvent(schoolId, new Date(), event));
    const registerChanged = (b: Booked) =>
      integrationEvent('attendance.register_changed.v1', {
        actorId: asId<UserId>(b.teacher),
        lessonId: b.id as Id<'Lesson'>,
        teacherId: asId<UserId>(b.teacher),
        accompanistId: null,
        studentIds: b.students.map((s) => asId<UserId>(s)),
        counts: { students: b.students.length, present: 0, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 },
        startedAt: null,
        endedAt: null,
      });
    for (const op of ops) {
      if (op.kind === 'consume') {
        await consumer.consumeOnce();
        continue;
      }
      const b = op.kind === 'book' ? null : booked[op.lesson % Math.max(booked.length, 1)];
      if (op.kind !== 'book' && (!b || b.cancelled)) continue;
      await em.transactional(async (tx) => {
        const run = (text: string, params: unknown[]) => tx.execute(text, params, 'run');
        if (op.kind === 'book') {
          const fresh: Booked = { id: uuid(), teacher: target.teachers[op.teacher]!, students: op.students.map((i) => target.students[i]!), room: op.room === null ? null : target.rooms[op.room]!, ...nextSlot(), cancelled: false };
          booked.push(fresh);
          await run(`insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?, ?::uuid[], ?, ?, 'scheduled')`, [
            fresh.id,
            target.school,
            fresh.teacher,
            fresh.room,
            `{${fresh.students.join(',')}}`,
            fresh.start,
            fresh.end,
          ]);
          await publish(tx, integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: asLesson(fresh) }));
        } else if (op.kind === 'move' && b) {
          const previous = { start: b.start.toISOString(), end: b.end.toISOString(), roomId: b.room as Id<'Room'> | null };
          Object.assign(b, nextSlot(), { room: op.room === null ? null : target.rooms[op.room]! });
          await run(`update lessons set start_at = ?, end_at = ?, room_id = ? where id = ?`, [b.start, b.end, b.room, b.id]);
          await publish(tx, integrationEvent('lesson.moved.v1', { actorId: null, lesson: asLesson(b), previous }));
        } else if (op.kind === 'students' && b) {
          b.students = op.students.map((i) => target.students[i]!);
          await run(`update lessons set student_ids = ?::uuid[] where id = ?`, [`{${b.students.join(',')}}`, b.id]);
          await publish(tx, integrationEvent('lesson.moved.v1', { actorId: null, lesson: asLesson(b), previous: { start: b.start.toISOString(), end: b.end.toISOString(), roomId: b.room as Id<'Room'> | null } }));
        } else if (op.kind === 'cancel' && b) {
          b.cancelled = true;
          await run(`update lessons set status = 'cancelled' where id = ?`, [b.id]);
          await publish(tx, integrationEvent('lesson.cancelled.v1', { actorId: null, lesson: asLesson(b), reason: 'Unwell', late: false, creditGranted: false }));
        } else if (op.kind === 'start' && b) {
          await run(
            `insert into attendance_registers (school_id, lesson_id, started_at, started_by) values (?, ?, ?, ?) on conflict (school_id, lesson_id) do update set started_at = excluded.started_at`,
            [target.school, b.id, new Date(b.start.getTime() + op.delay * 60_000), b.teacher],
          );
          await publish(tx, registerChanged(b));
        } else if (op.kind === 'mark' && b) {
          const student = b.students[op.student % b.students.length]!;
          await run(`insert into attendance_registers (school_id, lesson_id, started_at, started_by) values (?, ?, ?, ?) on conflict do nothing`, [target.school, b.id, b.start, b.teacher]);
          await run(
            `insert into attendance_entries (school_id, lesson_id, student_id, status, late_minutes, marked_by, marked_at) values (?, ?, ?, ?, ?, ?, now())
             on conflict (lesson_id, student_id) do update set status = excluded.status, late_minutes = excluded.late_minutes`,
            [target.school, b.id, student, op.status, op.status === 'late' ? 5 : null, b.teacher],
          );
          // Complete once every current student is marked: delivered, as attendance records it.
          await run(
            `update attendance_registers r set delivered_at = coalesce(r.delivered_at, now())
              where r.lesson_id = ? and not exists (select 1 from unnest(?::uuid[]) as s(id) where not exists (select 1 from attendance_entries e where e.lesson_id = r.lesson_id and e.student_id = s.id))`,
            [b.id, `{${b.students.join(',')}}`],
          );
          await publish(tx, registerChanged(b));
        }
      });
    }
  }

  async function drain(): Promise<void> {
    while ((await consumer.consumeOnce()) > 0);
  }

  const iso = (value: Date | string | null) => (value === null ? null : new Date(value instanceof Date ? value : `${value.replace(' ', 'T').replace(/\+00$/, 'Z')}`).toISOString());

  /** The school's summary rows as stored, and as its records say they should be. */
  async function summaries(school: string) {
    const sql = em.getConnection();
    const lessons = (await sql.execute<{ id: string; teacher_id: string; room_id: string | null; student_ids: string[]; start_at: string; end_at: string; status: string }[]>(`select * from lessons where school_id = ?`, [school])).filter(
      (l) => l.status !== 'cancelled',
    );
    const registers = new Map((await sql.execute<{ lesson_id: string; started_at: string | null; delivered_at: string | null }[]>(`select * from attendance_registers where school_id = ?`, [school])).map((r) => [r.lesson_id, r]));
    const entries = new Map((await sql.execute<{ lesson_id: string; student_id: string; status: string }[]>(`select * from attendance_entries where school_id = ?`, [school])).map((e) => [`${e.lesson_id}|${e.student_id}`, e.status]));
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    const marks = (l: { id: string; student_ids: string[] }) => {
      const statuses = l.student_ids.map((s) => entries.get(`${l.id}|${s}`)).filter((m) => m !== undefined);
      return { places: l.student_ids.length, marked: statuses.length, ...Object.fromEntries(STATUSES.map((m) => [m, statuses.filter((x) => x === m).length])) };
    };
    const expected = {
      lessons: lessons
        .map((l) => ({
          key: l.id,
          start: iso(l.start_at),
          end: iso(l.end_at),
          teacher: l.teacher_id,
          room: l.room_id,
          started: iso(registers.get(l.id)?.started_at ?? null),
          delivered: iso(registers.get(l.id)?.delivered_at ?? null),
          marks: marks(l),
        }))
        .sort(byKey),
      places: lessons
        .flatMap((l) => l.student_ids.map((s) => ({ key: `${l.id}|${s}`, start: iso(l.start_at), teacher: l.teacher_id, started: iso(registers.get(l.id)?.started_at ?? null), status: entries.get(`${l.id}|${s}`) ?? null })))
        .sort(byKey),
    };
    const stored = {
      lessons: (
        await sql.execute<({ lesson_id: string; start_at: string; end_at: string; teacher_id: string; room_id: string | null; started_at: string | null; delivered_at: string | null; places: number; marked: number } & Record<(typeof STATUSES)[number], number>)[]>(
          `select * from reporting_lessons where school_id = ?`,
          [school],
        )
      )
        .map((r) => ({
          key: r.lesson_id,
          start: iso(r.start_at),
          end: iso(r.end_at),
          teacher: r.teacher_id,
          room: r.room_id,
          started: iso(r.started_at),
          delivered: iso(r.delivered_at),
          marks: { places: r.places, marked: r.marked, ...Object.fromEntries(STATUSES.map((m) => [m, r[m]])) },
        }))
        .sort(byKey),
      places: (await sql.execute<{ lesson_id: string; student_id: string; start_at: string; teacher_id: string; started_at: string | null; status: string | null }[]>(`select * from reporting_places where school_id = ?`, [school]))
        .map((r) => ({ key: `${r.lesson_id}|${r.student_id}`, start: iso(r.start_at), teacher: r.teacher_id, started: iso(r.started_at), status: r.status }))
        .sort(byKey),
    };
    return { expected, stored };
  }

  it('equal what the lessons, registers and marks say after any mix of changes, read in any number of batches', async () => {
    const other = await seedSchool();
    await apply(other, [
      { kind: 'book', teacher: 0, students: [0, 1], room: 0 },
      { kind: 'mark', lesson: 0, student: 0, status: 'present' },
    ]);
    await drain();
    const untouched = await summaries(other.school);
    expect(untouched.stored.places).toHaveLength(2);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        const target = await seedSchool();
        await apply(target, ops);
        await drain();
        const { expected, stored } = await summaries(target.school);
        expect(stored).toEqual(expected);
        expect(await summaries(other.school)).toEqual(untouched);
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
