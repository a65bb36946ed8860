// attendance: the school's reports on a school of 5,000 students with 3 years of lessons.
//
// The school (a temporary `cadenza_bench_*` database): the demo school plus, straight through SQL, 100 teachers, 5,000
// students (nine in ten with an instrument on their profile) and 40 rooms; each student has a weekly 30-minute lesson
// from 156 weeks back to 10 weeks ahead (about 830,000 lessons, 3% cancelled), teachers 1-40 in a room of their own;
// every past lesson not cancelled has its register (started within -2..+8 minutes of its start, 95% delivered) and
// its student's mark (80% present, 6% late, 6% absent with notice, 5% without, 3% excused); the reports' summaries
// are filled from them as the migration fills them, and vacuumed. As the demo admin, each
// report below is sent 30 times one after another on one keep-alive connection after 5 to warm up (p50, p99; target
// p99 < 200 ms for the attendance and room-utilisation reports), and the plan of each report statement is printed
// (EXPLAIN ANALYZE, its key lines).
//
// First, in the same database: 100 more teachers and 2,000 more students with yesterday's full day of lessons (each
// teacher ten 45-minute lessons of two students: 1,000 lessons, known to attendance as its consumer would have recorded
// them), and every register marked through `POST /attendance/lessons/{id}/marks` by its own teacher (tokens signed as
// the app's sign-in signs them), BENCH_MARKING_CLIENTS (default 50) requests at once: registers per second, latency.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ADMIN, DAY_MS, latencyFigures, seedRooms, seedUsers, sequentialRun, withSeededApp } from './lib/app.js';
import { dist, heading, line, pass, signIn } from './lib/util.js';
import { tokenFor } from './realtime.js';

const STUDENTS = 5_000;
const TEACHERS = 100;
const ROOMS = 40;
const WEEKS_BACK = 156;
const WEEKS_AHEAD = 10;
const WARMUP = 5;
const REQUESTS = 30;
const TARGET_P99 = 200;
const ZONE = 'Europe/London';
const INSTRUMENTS = ['piano', 'violin', 'cello', 'flute', 'guitar', 'voice', 'trumpet', 'clarinet', 'drums'];

const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

async function seed(client, schoolId) {
  const teachers = await seedUsers(client, schoolId, { prefix: 'report-teacher', count: TEACHERS, roles: ['teacher'] });
  const students = await seedUsers(client, schoolId, { prefix: 'report-student', count: STUDENTS, roles: ['student'] });
  const rooms = await seedRooms(client, schoolId, { prefix: 'Report room', count: ROOMS });
  await client.query(
    `insert into student_profiles (user_id, school_id, instruments)
     select s.id, $1, case when s.n % 10 = 9 then '{}'::text[] else array[($3::text[])[(s.n % $4) + 1]] end
       from unnest($2::uuid[]) with ordinality as s(id, n)`,
    [schoolId, students, INSTRUMENTS, INSTRUMENTS.length],
  );
  // Seeded rows are the bench's own: the lessons' triggers (attendees, calendar versions) and the foreign keys are
  // skipped for the seeding only; the exclusion constraints still hold (nobody and no room is booked twice).
  await client.query(`set session_replication_role = replica`);
  const monday = new Date(Date.now() - WEEKS_BACK * 7 * DAY_MS);
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  // Student i: teacher i % 100; slot i / 100 (0-49): ten a weekday from 14:00 (UTC) on the half hour.
  for (let week = 0; week < WEEKS_BACK + WEEKS_AHEAD; week += 20) {
    await client.query(
      `insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status)
       select gen_random_uuid(), $1, ($2::uuid[])[(s.i % 100) + 1], case when s.i % 100 < $4 then ($3::uuid[])[(s.i % 100) + 1] end, array[($5::uuid[])[s.i + 1]],
              x.start_at, x.start_at + interval '30 minutes', case when random() < 0.03 then 'cancelled' else 'scheduled' end
         from generate_series(0, ${STUDENTS - 1}) as s(i)
         cross join generate_series($7::int, least($7::int + 19, $8::int)) as w(n)
         cross join lateral (select $6::timestamptz + w.n * interval '7 days' + ((s.i / 100) / 10) * interval '1 day'
                                    + (14 * 60 + ((s.i / 100) % 10) * 30) * interval '1 minute' as start_at) as x`,
      [schoolId, teachers, rooms, ROOMS, students, monday.toISOString(), week, WEEKS_BACK + WEEKS_AHEAD - 1],
    );
  }
  await client.query(
    `insert into attendance_registers (school_id, lesson_id, started_at, started_by, delivered_at)
     select l.school_id, l.id, l.start_at + (random() * 10 - 2) * interval '1 minute', l.teacher_id, case when random() < 0.95 then l.end_at end
       from lessons l where l.school_id = $1 and l.status <> 'cancelled' and l.end_at < now() and l.teacher_id = any($2::uuid[])`,
    [schoolId, teachers],
  );
  await client.query(
    `insert into attendance_entries (school_id, lesson_id, student_id, status, late_minutes, marked_by, marked_at)
     select r.school_id, r.lesson_id, l.student_ids[1], m.status, case when m.status = 'late' then 5 end, l.teacher_id, l.end_at
       from attendance_registers r join lessons l on l.id = r.lesson_id
       cross join lateral (select random() as p, r.lesson_id) as p
       cross join lateral (select case when p.p < 0.80 then 'present' when p.p < 0.86 then 'late' when p.p < 0.92 then 'absent_notice'
                                       when p.p < 0.97 then 'absent_no_notice' else 'excused' end as status) as m
      where r.school_id = $1 and l.teacher_id = any($2::uuid[])`,
    [schoolId, teachers],
  );
  await client.query(`set session_replication_role = origin`);
  // The reports' summaries of the seeded rows, as the migration fills them from existing records (the worker keeps
  // them from the events afterwards), then vacuumed as autovacuum would, so their index answers without the heap.
  const { REPORT_SUMMARY_REFRESH } = await dist('libs/server/bridges/src/lib/reporting/report-summaries.js');
  await client.query(REPORT_SUMMARY_REFRESH.text, [schoolId, null]);
  await client.query('vacuum analyze reporting_lessons');
  await client.query('vacuum analyze reporting_places');
  await client.query('analyze');
  const { rows } = await client.query(`select (select count(*) from lessons where school_id = $1) as lessons, (select count(*) from attendance_entries where school_id = $1) as marks`, [schoolId]);
  return { teachers, students, rooms, lessons: Number(rows[0].lessons), marks: Number(rows[0].marks) };
}

const MARKING_TEACHERS = 100;
const MARKING_STUDENTS = 2_000;
const MARKING_CLIENTS = Number(process.env.BENCH_MARKING_CLIENTS ?? 50);
const MARKS = ['present', 'present', 'present', 'present', 'late', 'absent_notice', 'absent_no_notice', 'excused'];

/** Yesterday's 1,000 registers marked by their teachers through the API, MARKING_CLIENTS at once. */
async function markADay(client, server, secret, schoolId) {
  const teachers = await seedUsers(client, schoolId, { prefix: 'mark-teacher', count: MARKING_TEACHERS, roles: ['teacher'] });
  const students = await seedUsers(client, schoolId, { prefix: 'mark-student', count: MARKING_STUDENTS, roles: ['student'] });
  const yesterday = new Date(Date.now() - DAY_MS);
  yesterday.setUTCHours(9, 0, 0, 0);
  const lessons = [];
  for (let t = 0; t < MARKING_TEACHERS; t++) {
    for (let j = 0; j < 10; j++) {
      const k = t * 10 + j;
      const start = new Date(yesterday.getTime() + j * 50 * 60_000);
      lessons.push({ id: randomUUID(), teacher: teachers[t], students: [students[2 * k], students[2 * k + 1]], start, end: new Date(start.getTime() + 45 * 60_000) });
    }
  }
  for (const table of ['lessons', 'attendance_lessons']) {
    const status = table === 'lessons' ? `, 'scheduled'` : '';
    await client.query(
      `insert into ${table} (id, school_id, teacher_id, student_ids, start_at, end_at${table === 'lessons' ? ', status' : ''})
       select l.id, $1, l.teacher, array[l.a, l.b], l.start_at, l.end_at${status}
         from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[]) as l(id, teacher, a, b, start_at, end_at)`,
      [schoolId, ...[(l) => l.id, (l) => l.teacher, (l) => l.students[0], (l) => l.students[1], (l) => l.start.toISOString(), (l) => l.end.toISOString()].map((f) => lessons.map(f))],
    );
  }
  const tokens = new Map(teachers.map((id) => [id, tokenFor(secret, schoolId, id, ['teacher'])]));
  const queue = [...lessons];
  const latencies = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: MARKING_CLIENTS }, async () => {
      for (let lesson = queue.shift(); lesson; lesson = queue.shift()) {
        const t0 = performance.now();
        const reply = await fetch(`${server.baseUrl}/api/v1/attendance/lessons/${lesson.id}/marks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(lesson.teacher)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ marks: lesson.students.map((studentId, i) => ({ studentId, ...markOf(MARKS[(latencies.length + i) % MARKS.length]) })) }),
        });
        await reply.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (reply.status !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await client.query(
    `select count(*) filter (where r.delivered_at is not null) as delivered, (select count(*) from attendance_entries e where e.school_id = $1 and e.lesson_id = any($2::uuid[])) as marks
       from attendance_registers r where r.school_id = $1 and r.lesson_id = any($2::uuid[])`,
    [schoolId, lessons.map((l) => l.id)],
  );
  return { registers: lessons.length, clients: MARKING_CLIENTS, seconds: Number(seconds.toFixed(2)), registersPerSecond: Number((lessons.length / seconds).toFixed(1)), failed, delivered: Number(rows[0].delivered), marks: Number(rows[0].marks), ...latencyFigures(latencies) };
}
const markOf = (status) => (status === 'late' ? { status, lateMinutes: 5 } : { status });

/** The key lines of a plan: its top, each scan and join with its rows and time, and the totals. */
function keyLines(plan) {
  return plan.filter((l, i) => i === 0 || /Scan|Join|Nested Loop|Aggregate|Sort|Planning Time|Execution Time/.test(l)).map((l) => l.replace(/\s+\(cost=[^)]*\)/, ''));
}

export async function run() {
  heading(`attendance: the reports on a school of ${STUDENTS.toLocaleString('en')} students with ${WEEKS_BACK / 52} years of lessons, as admin`);
  return withSeededApp('reports', async ({ server, client, secret, schoolId }) => {
    const marking = await markADay(client, server, secret, schoolId);
    line(
      `marking a day: ${marking.registers} registers (${marking.marks} marks, ${marking.delivered} delivered) by ${MARKING_TEACHERS} teachers, ${marking.clients} requests at once: ` +
        `${marking.registersPerSecond} registers/s over ${marking.seconds} s   p50 ${marking.p50Ms} ms   p99 ${marking.p99Ms} ms   max ${marking.maxMs} ms   non-200 ${marking.failed}`,
    );
    const started = performance.now();
    const seeded = await seed(client, schoolId);
    line(`seeded ${TEACHERS} teachers, ${STUDENTS} students, ${ROOMS} rooms, ${seeded.lessons.toLocaleString('en')} lessons, ${seeded.marks.toLocaleString('en')} marks in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const token = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const term = `from=${day(-84)}&to=${day(0)}`;
    const year = `from=${day(-364)}&to=${day(0)}`;
    const reports = [
      ['attendance by teacher, a term (12 weeks)', `attendance?${term}&by=teacher`, true],
      ['attendance by student, a term, first page', `attendance?${term}&by=student&limit=50`, true],
      ['attendance by instrument, a term', `attendance?${term}&by=instrument`, true],
      ['attendance by week, a year', `attendance?${year}&by=week`, true],
      ['attendance of one teacher by student, a year', `attendance?${year}&by=student&teacherId=${seeded.teachers[7]}`, true],
      ['room utilisation, a term', `room-utilisation?${term}`, true],
      ['room utilisation, a year', `room-utilisation?${year}`, true],
      ['students at risk, 4 weeks', `students-at-risk?from=${day(-27)}&to=${day(0)}`, false],
      ['teacher hours by month, a year', `teacher-hours?${year}&period=month&limit=500`, false],
      ['lessons behind a teacher’s figure, a term', `lessons?${term}&teacherId=${seeded.teachers[7]}`, false],
    ];
    const results = [];
    for (const [name, path, held] of reports) {
      const url = `${server.baseUrl}/api/v1/reports/${path}`;
      const check = await fetch(url, { headers });
      const body = await check.json();
      if (check.status !== 200) throw new Error(`${path} answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`);
      await sequentialRun(url, headers, WARMUP);
      const figures = await sequentialRun(url, headers, REQUESTS);
      const rows = body.rows?.length ?? body.rooms?.length ?? body.lessons?.length;
      results.push({ name, path, held, rows, ...figures });
      line(`${name.padEnd(46)} ${String(rows).padStart(4)} rows   p50 ${figures.p50Ms} ms   p99 ${figures.p99Ms} ms   max ${figures.maxMs} ms   non-200 ${figures.non200}${held ? '' : '   (not held to the target)'}`);
    }

    // The statements' plans, as the api runs them (the school is $1).
    const { REPORT_ATTENDANCE, REPORT_ROOM_BOOKINGS, REPORT_STUDENT_MARKS, REPORT_TEACHER_HOURS } = await dist('libs/server/bridges/src/lib/reporting/report-statements.js');
    const plans = [
      ['attendance by teacher, a term', REPORT_ATTENDANCE.teacher, [schoolId, ZONE, day(-84), day(0), 5, null, null, null]],
      ['attendance by student, a term', REPORT_ATTENDANCE.student, [schoolId, ZONE, day(-84), day(0), 5, null, null, null]],
      ['attendance by instrument, a term', REPORT_ATTENDANCE.instrument, [schoolId, ZONE, day(-84), day(0), 5, null, null, null]],
      ['attendance by week, a year', REPORT_ATTENDANCE.week, [schoolId, ZONE, day(-364), day(0), 5, null, null, null]],
      ['room bookings, a term', REPORT_ROOM_BOOKINGS, [schoolId, ZONE, day(-84), day(0), '09:00', '21:00', null]],
      ['room bookings, a year', REPORT_ROOM_BOOKINGS, [schoolId, ZONE, day(-364), day(0), '09:00', '21:00', null]],
      ['students’ marks, 4 weeks and the 4 before', REPORT_STUDENT_MARKS, [schoolId, ZONE, day(-27), day(0), day(-55), null, null]],
      ['teacher hours by month, a year', REPORT_TEACHER_HOURS, [schoolId, ZONE, day(-364), day(0), 'month', null]],
    ];
    for (const [name, statement, params] of plans) {
      const { rows } = await client.query(`explain (analyze, buffers) ${statement.text}`, params);
      line(`plan: ${name} (${statement.name})`);
      for (const l of keyLines(rows.map((r) => r['QUERY PLAN']))) line(`  ${l}`);
    }
    const ok = results.filter((r) => r.held).every((r) => r.p99Ms < TARGET_P99 && r.non200 === 0);
    line(`p99 < ${TARGET_P99} ms for the attendance and room-utilisation reports: ${pass(ok)}`);
    const summary = { bench: 'attendance', marking, students: STUDENTS, teachers: TEACHERS, rooms: ROOMS, lessons: seeded.lessons, marks: seeded.marks, target: { p99Ms: TARGET_P99 }, pass: ok, reports: results };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  });
}
