import type { EntityManager } from '@mikro-orm/postgresql';
import { enterSchool } from '@cadenza/server/platform/db';
import type { AttendanceDimension, AttendanceFilter, LessonScope, Mark, ReportPeriod } from '@cadenza/server/reporting/domain';
import { previousPeriod } from '@cadenza/server/reporting/domain';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { persistence } from '../persistence.js';
import { refreshReportSummaries } from './report-summaries.js';
import { SqlReportsReadModel } from './sql-reports-read-model.js';

/**
 * The reports' SQL against the real tables (the summaries filled from them), held to a plain-read oracle: every row of the school's lessons, registers,
 * marks, profiles, rooms and closures read with `select *` and counted here in TypeScript, day by day in the school's
 * zone. The school's four weeks cross the end of summer time in London, have lessons running past closing time and past
 * midnight, cancelled lessons, group lessons, lessons never started, started late, delivered or not, and a closure; a
 * second school with the same lessons must count in no answer.
 */
describe('SqlReportsReadModel on PostgreSQL', () => {
  const db = useSpecDatabase(persistence);
  const ZONE = 'Europe/London';
  const period: ReportPeriod = { from: '2026-10-19', to: '2026-11-01' };
  const previous = previousPeriod(period);
  const GRACE = 7;
  let school: string;
  let em: EntityManager;
  let model: SqlReportsReadModel;
  let ids: { teachers: string[]; students: string[]; rooms: string[] };

  // A small deterministic generator, so a failure can be replayed.
  let state = 17;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const uuid = () => globalThis.crypto.randomUUID();
  const MARKS: Mark[] = ['present', 'present', 'present', 'late', 'absent_notice', 'absent_no_notice', 'excused'];

  async function seedSchool(): Promise<{ school: string; teachers: string[]; students: string[]; rooms: string[] }> {
    const sql = db.orm.em.getConnection();
    const id = uuid();
    await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'Reports', ?, ?, 'GBP', 'en-GB', now())`, [id, `reports-${id.slice(0, 8)}`, ZONE]);
    const person = async (name: string, role: string) => {
      const personId = uuid();
      await sql.execute(`insert into users (id, school_id, email, name, roles, time_zone, locale, created_at) values (?, ?, ?, ?, ?::text[], ?, 'en-GB', now())`, [personId, id, `${personId}@reports.example`, name, `{${role}}`, ZONE]);
      return personId;
    };
    const teachers = [await person('Tess Teacher', 'teacher'), await person('Abe Teacher', 'teacher'), await person('Mo Teacher', 'teacher')];
    const students: string[] = [];
    for (let i = 0; i < 8; i++) students.push(await person(`Student ${String.fromCharCode(65 + i)}`, 'student'));
    const instruments = [['piano'], ['violin', 'piano'], [], ['cello'], ['piano'], ['violin'], [], ['flute']];
    for (const [i, s] of students.entries()) {
      if (i === 6) continue; // no profile at all
      await sql.execute(`insert into student_profiles (user_id, school_id, instruments) values (?, ?, ?::text[])`, [s, id, `{${instruments[i]!.join(',')}}`]);
    }
    const rooms: string[] = [];
    for (const [i, active] of [true, true, false].entries()) {
      const roomId = uuid();
      rooms.push(roomId);
      await sql.execute(`insert into rooms (id, school_id, name, capacity, active) values (?, ?, ?, 4, ?)`, [roomId, id, `Room ${3 - i}`, active]);
    }
    await sql.execute(`insert into closures (id, school_id, name, start_date, end_date) values (?, ?, 'Half term day', '2026-10-27', '2026-10-27')`, [uuid(), id]);
    await sql.execute(`insert into attendance_settings (school_id, early_marking_minutes, marking_window_days, on_time_grace_minutes) values (?, 10, 7, ?)`, [id, GRACE]);
    return { school: id, teachers, students, rooms };
  }

  /** Lessons one after another each day (no one is ever booked twice), the day's last starting at 23:30 local time. */
  async function seedLessons(target: { school: string; teachers: string[]; students: string[]; rooms: string[] }): Promise<void> {
    const sql = db.orm.em.getConnection();
    const starts = ['08:00', '11:20', '14:40', '18:00', '20:40', '23:30'];
    for (let day = Date.parse('2026-10-05T00:00:00Z'); day <= Date.parse('2026-11-02T00:00:00Z'); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const time of starts) {
        if (next(4) === 0) continue;
        const [offset] = await sql.execute<{ offset: string }[]>(`select to_char((?::date + ?::time) at time zone ?, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as offset`, [date, time, ZONE]);
        const start = new Date(offset!.offset);
        const end = new Date(start.getTime() + (30 + 15 * next(3)) * 60_000);
        const group = next(3) === 0 ? 3 : 1;
        const first = next(target.students.length);
        const studentIds = Array.from({ length: group }, (_, i) => target.students[(first + i) % target.students.length]!);
        const lessonId = uuid();
        const cancelled = next(8) === 0;
        const room = next(5) === 0 ? null : target.rooms[next(target.rooms.length)]!;
        await sql.execute(`insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?, ?::uuid[], ?, ?, ?)`, [
          lessonId,
          target.school,
          target.teachers[next(target.teachers.length)],
          room,
          `{${studentIds.join(',')}}`,
          start,
          end,
          cancelled ? 'cancelled' : 'scheduled',
        ]);
        if (next(5) === 0) continue; // no register at all
        const started = next(4) === 0 ? null : new Date(start.getTime() + (next(12) - 2) * 60_000);
        const marked = studentIds.filter(() => next(6) !== 0);
        await sql.execute(`insert into attendance_registers (school_id, lesson_id, started_at, started_by, delivered_at) values (?, ?, ?, ?, ?)`, [
          target.school,
          lessonId,
          started,
          started ? target.teachers[0] : null,
          marked.length === studentIds.length ? end : null,
        ]);
        for (const s of marked) {
          const status = MARKS[next(MARKS.length)]!;
          await sql.execute(`insert into attendance_entries (school_id, lesson_id, student_id, status, late_minutes, marked_by, marked_at) values (?, ?, ?, ?, ?, ?, ?)`, [
            target.school,
            lessonId,
            s,
            status,
            status === 'late' ? 5 : null,
            target.teachers[0],
            end,
          ]);
        }
      }
    }
  }

  beforeAll(async () => {
    const a = await seedSchool();
    await seedLessons(a);
    state = 17;
    const b = await seedSchool();
    await seedLessons(b);
    // The summaries the figures read, as the consumer would have kept them (its own spec holds it to the records).
    for (const seeded of [a, b]) {
      const summarising = db.orm.em.fork();
      enterSchool(summarising, seeded.school);
      await refreshReportSummaries(summarising, null);
    }
    school = a.school;
    ids = a;
    em = db.orm.em.fork();
    enterSchool(em, school);
    model = new SqlReportsReadModel(em);
  }, 60_000);

  // ---- the oracle: plain reads, counted here ----------------------------------------------------------------

  interface Lesson {
    id: string;
    teacher_id: string;
    room_id: string | null;
    student_ids: string[];
    start_at: Date;
    end_at: Date;
    status: string;
  }
  // Raw reads answer instants as PostgreSQL writes them (UTC, the session's zone).
  const instant = (value: string | Date): Date => (value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(/\+00$/, 'Z')));
  const maybe = (value: string | Date | null) => (value === null ? null : instant(value));
  async function plain() {
    const sql = em.getConnection();
    const lessons = (await sql.execute<Lesson[]>('select * from lessons where school_id = ?', [school]))
      .filter((l) => l.status !== 'cancelled')
      .map((l) => ({ ...l, start_at: instant(l.start_at), end_at: instant(l.end_at) }));
    const registers = new Map(
      (await sql.execute<{ lesson_id: string; started_at: Date | null; delivered_at: Date | null }[]>('select * from attendance_registers where school_id = ?', [school])).map((r) => [
        r.lesson_id,
        { started_at: maybe(r.started_at), delivered_at: maybe(r.delivered_at) },
      ]),
    );
    const entries = new Map((await sql.execute<{ lesson_id: string; student_id: string; status: Mark }[]>('select * from attendance_entries where school_id = ?', [school])).map((e) => [`${e.lesson_id}|${e.student_id}`, e.status]));
    const profiles = new Map((await sql.execute<{ user_id: string; instruments: string[] }[]>('select * from student_profiles where school_id = ?', [school])).map((p) => [p.user_id, p.instruments]));
    const names = new Map((await sql.execute<{ id: string; name: string }[]>('select * from users where school_id = ?', [school])).map((u) => [u.id, u.name]));
    return { lessons, registers, entries, names, instrument: (s: string) => profiles.get(s)?.[0] ?? 'unspecified' };
  }
  const local = (at: Date) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]));
    return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, minutes: Number(parts['hour']) * 60 + Number(parts['minute']) };
  };
  const inPeriod = (l: Lesson, p: ReportPeriod) => local(l.start_at).date >= p.from && local(l.start_at).date <= p.to;
  const monday = (date: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  };

  it('books each room’s minutes within the day’s opening, by the lesson’s local day', async () => {
    const { lessons } = await plain();
    const expected = new Map<string, number>();
    for (const l of lessons.filter((x) => x.room_id && inPeriod(x, period))) {
      const start = local(l.start_at);
      const minutes = (l.end_at.getTime() - l.start_at.getTime()) / 60_000;
      const booked = Math.max(0, Math.min(start.minutes + minutes, 21 * 60) - Math.max(start.minutes, 9 * 60));
      const key = `${l.room_id}|${start.date}`;
      expected.set(key, (expected.get(key) ?? 0) + booked);
    }
    const got = await model.roomBookings(period, ZONE, { opens: '09:00', closes: '21:00', days: [1, 2, 3, 4, 5, 6] });
    expect(new Map(got.map((b) => [`${b.roomId}|${b.date}`, b.bookedMinutes]))).toEqual(expected);
    expect(got.some((b) => b.date === '2026-10-25')).toBe(true);
    const one = await model.roomBookings(period, ZONE, { opens: '09:00', closes: '21:00', days: [1] }, ids.rooms[0]);
    expect(one.every((b) => b.roomId === ids.rooms[0])).toBe(true);
    expect(one.length).toBeGreaterThan(0);
  });

  it('lists active rooms by name (or the one asked for), the closure’s days, and the school’s grace', async () => {
    expect((await model.rooms()).map((r) => r.name)).toEqual(['Room 2', 'Room 3']);
    expect((await model.rooms(ids.rooms[2])).map((r) => r.name)).toEqual(['Room 1']);
    expect(await model.closedDays(period)).toEqual(['2026-10-27']);
    expect(await model.onTimeGraceMinutes()).toBe(GRACE);
  });

  const filters: [AttendanceDimension, AttendanceFilter][] = [
    ['teacher', {}],
    ['student', {}],
    ['instrument', {}],
    ['week', {}],
    ['week', { instrument: 'piano' }],
    ['student', { teacherId: 'T0' }],
    ['teacher', { studentId: 'S2' }],
  ];
  it.each(filters)('counts lessons and places by %s (filter %j) as the plain reads do', async (by, rawFilter) => {
    const filter: AttendanceFilter = { ...rawFilter, teacherId: rawFilter.teacherId && ids.teachers[0], studentId: rawFilter.studentId && ids.students[2] };
    const { lessons, registers, entries, names, instrument } = await plain();
    const groups = new Map<string, { lessons: Set<string>; started: Set<string>; onTime: Set<string>; places: number; statuses: Mark[] }>();
    for (const l of lessons.filter((x) => inPeriod(x, period) && (!filter.teacherId || x.teacher_id === filter.teacherId))) {
      for (const s of l.student_ids) {
        if (filter.studentId && s !== filter.studentId) continue;
        if (filter.instrument && instrument(s) !== filter.instrument) continue;
        const key = by === 'teacher' ? l.teacher_id : by === 'student' ? s : by === 'instrument' ? instrument(s) : monday(local(l.start_at).date);
        const g = groups.get(key) ?? { lessons: new Set(), started: new Set(), onTime: new Set(), places: 0, statuses: [] };
        const register = registers.get(l.id);
        g.lessons.add(l.id);
        if (register?.started_at) g.started.add(l.id);
        if (register?.started_at && register.started_at.getTime() <= l.start_at.getTime() + GRACE * 60_000) g.onTime.add(l.id);
        g.places++;
        const mark = entries.get(`${l.id}|${s}`);
        if (mark) g.statuses.push(mark);
        groups.set(key, g);
      }
    }
    const count = (g: { statuses: Mark[] }, m: Mark) => g.statuses.filter((x) => x === m).length;
    const expected = [...groups.entries()].map(([key, g]) => ({
      key,
      label: by === 'teacher' || by === 'student' ? names.get(key) : key,
      counts: {
        lessons: g.lessons.size,
        started: g.started.size,
        onTime: g.onTime.size,
        places: g.places,
        marked: g.statuses.length,
        present: count(g, 'present'),
        late: count(g, 'late'),
        absentWithNotice: count(g, 'absent_notice'),
        absentWithoutNotice: count(g, 'absent_no_notice'),
        excused: count(g, 'excused'),
      },
    }));
    const got = await model.attendance(period, ZONE, GRACE, by, filter);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect([...got].sort(byKey)).toEqual(expected.sort(byKey));
    expect(got.length).toBeGreaterThan(0);
  });

  it('gives each student’s marks of the period in order and the counts of the period before', async () => {
    const { lessons, entries, names, instrument } = await plain();
    const expected = new Map<string, { marks: Mark[]; last: Date | null; previous: { marked: number; attended: number; excused: number } }>();
    for (const l of [...lessons].sort((a, b) => a.start_at.getTime() - b.start_at.getTime() || a.id.localeCompare(b.id))) {
      const current = inPeriod(l, period);
      if (!current && !inPeriod(l, previous)) continue;
      for (const s of l.student_ids) {
        const mark = entries.get(`${l.id}|${s}`);
        if (!mark) continue;
        const e = expected.get(s) ?? { marks: [], last: null, previous: { marked: 0, attended: 0, excused: 0 } };
        if (current) {
          e.marks.push(mark);
          e.last = l.start_at;
        } else {
          e.previous.marked++;
          if (mark === 'present' || mark === 'late') e.previous.attended++;
          if (mark === 'excused') e.previous.excused++;
        }
        expected.set(s, e);
      }
    }
    const got = await model.studentMarks(period, previous, ZONE, {});
    expect(new Map(got.map((s) => [s.studentId, { marks: s.marks, last: s.lastLessonAt, previous: s.previous }]))).toEqual(expected);
    expect(got.every((s) => s.name === names.get(s.studentId) && s.instrument === instrument(s.studentId))).toBe(true);
    const piano = await model.studentMarks(period, previous, ZONE, { instrument: 'piano' });
    expect(piano.map((s) => s.studentId).sort()).toEqual(got.filter((s) => s.instrument === 'piano').map((s) => s.studentId).sort());
  });

  it.each(['week', 'month'] as const)('sums each teacher’s lessons and delivered minutes per %s', async (unit) => {
    const { lessons, registers, names } = await plain();
    const expected = new Map<string, { lessons: number; scheduledMinutes: number; delivered: number; deliveredMinutes: number }>();
    for (const l of lessons.filter((x) => inPeriod(x, period))) {
      const date = local(l.start_at).date;
      const key = `${l.teacher_id}|${unit === 'week' ? monday(date) : `${date.slice(0, 7)}-01`}`;
      const e = expected.get(key) ?? { lessons: 0, scheduledMinutes: 0, delivered: 0, deliveredMinutes: 0 };
      const minutes = (l.end_at.getTime() - l.start_at.getTime()) / 60_000;
      e.lessons++;
      e.scheduledMinutes += minutes;
      if (registers.get(l.id)?.delivered_at) {
        e.delivered++;
        e.deliveredMinutes += minutes;
      }
      expected.set(key, e);
    }
    const got = await model.teacherHours(period, ZONE, unit);
    expect(new Map(got.map((r) => [`${r.teacherId}|${r.period}`, { lessons: r.lessons, scheduledMinutes: r.scheduledMinutes, delivered: r.delivered, deliveredMinutes: r.deliveredMinutes }]))).toEqual(expected);
    expect(got.map((r) => r.name)).toEqual([...got.map((r) => r.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(got.every((r) => r.name === names.get(r.teacherId))).toBe(true);
  });

  it('lists the lessons behind a figure, narrowed and paged, in start order', async () => {
    const { lessons, registers, instrument } = await plain();
    const scopes: LessonScope[] = [
      { ...period },
      { ...period, teacherId: ids.teachers[1] },
      { ...period, studentId: ids.students[3] },
      { ...period, roomId: ids.rooms[0] },
      { ...period, instrument: 'violin' },
      { ...period, teacherId: ids.teachers[0], delivered: true },
      { ...period, delivered: false },
    ];
    for (const scope of scopes) {
      const expected = lessons
        .filter(
          (l) =>
            inPeriod(l, scope) &&
            (!scope.teacherId || l.teacher_id === scope.teacherId) &&
            (!scope.studentId || l.student_ids.includes(scope.studentId)) &&
            (!scope.roomId || l.room_id === scope.roomId) &&
            (!scope.instrument || l.student_ids.some((s) => instrument(s) === scope.instrument)) &&
            (scope.delivered === undefined || Boolean(registers.get(l.id)?.delivered_at) === scope.delivered),
        )
        .sort((a, b) => a.start_at.getTime() - b.start_at.getTime() || a.id.localeCompare(b.id))
        .map((l) => l.id);
      const all = await model.lessons(scope, ZONE, undefined);
      expect({ scope, ids: all.lessons.map((l) => l.lessonId), total: all.total }).toEqual({ scope, ids: expected, total: expected.length });
      const page = await model.lessons(scope, ZONE, { offset: 2, limit: 3 });
      expect(page).toMatchObject({ total: expected.length });
      expect(page.lessons.map((l) => l.lessonId)).toEqual(expected.slice(2, 5));
    }
    expect(await model.lessons({ ...period }, ZONE, { offset: 10_000, limit: 5 })).toMatchObject({ total: lessons.filter((l) => inPeriod(l, period)).length, lessons: [] });
  });
});
