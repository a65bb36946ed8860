// people-list: GET /api/v1/people, the console's People tables, for a school of 5,000 students.
//
// The school (a temporary `cadenza_bench_*` database): the demo school plus, straight through SQL, 100 teachers and
// 5,000 students (dates of birth spread over 5 to 40 years back, one in fifty with a leaving day), each student with a
// weekly 30-minute lesson over ten weeks (five before this one, four after): 50,000 lessons; every student's and
// teacher's profile lists one to two of twelve instruments. As the demo admin, each
// query below is sent 100 times one after another on one keep-alive connection after 50 to warm up (p50, p99; target
// p99 < 100 ms for every one), then the first page arrives at a constant BENCH_PEOPLE_RATE requests/s (default 50)
// for 5 s (open loop, latency from each request's due time), as many admins paging at once would.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pacedRun } from './lib/paced-client.js';
import { ADMIN, DAY_MS, MINUTE_MS, mondayAhead, prng, seedUsers, sequentialRun, withSeededApp } from './lib/app.js';
import { heading, line, pass, signIn } from './lib/util.js';

const STUDENTS = 5_000;
const TEACHERS = 100;
const WEEKS = 10;
const WARMUP = 50;
const REQUESTS = 100;
const RATE = Number(process.env.BENCH_PEOPLE_RATE ?? 50);
const PACED_SECONDS = 5;
const TARGET_P99 = 100;

export async function run() {
  heading(`people-list: GET /api/v1/people for a school of ${STUDENTS.toLocaleString('en')} students, as admin`);
  return withSeededApp('people', async ({ server, client, schoolId }) => {
    const started = performance.now();
    const teachers = await seedUsers(client, schoolId, { prefix: 'people-teacher', count: TEACHERS, roles: ['teacher'] });
    const students = await seedUsers(client, schoolId, { prefix: 'people-student', count: STUDENTS, roles: ['student'] });
    const random = prng(15);
    const today = Date.now();
    await client.query(
      `update users u set date_of_birth = s.born::date, left_school_on = s.left_on::date from unnest($1::uuid[], $2::text[], $3::text[]) as s(id, born, left_on) where u.id = s.id`,
      [
        students,
        students.map(() => new Date(today - (5 + random() * 35) * 365.25 * DAY_MS).toISOString().slice(0, 10)),
        students.map((_, i) => (i % 50 === 7 ? new Date(today - 30 * DAY_MS).toISOString().slice(0, 10) : null)),
      ],
    );
    // Each student's profile lists one or two of twelve instruments; each teacher's, two.
    const INSTRUMENTS = ['Piano', 'Violin', 'Cello', 'Flute', 'Clarinet', 'Guitar', 'Bass guitar', 'Drums', 'Voice', 'Trumpet', 'Saxophone', 'Viola'];
    const pick = (i, k) => INSTRUMENTS[(i * 7 + k * 5) % INSTRUMENTS.length];
    await client.query(
      `insert into student_profiles (user_id, school_id, instruments) select s.id, $1, string_to_array(s.instruments, '|') from unnest($2::uuid[], $3::text[]) as s(id, instruments)`,
      [schoolId, students, students.map((_, i) => (i % 3 === 0 ? [pick(i, 0), pick(i, 1)] : [pick(i, 0)]).join('|'))],
    );
    await client.query(
      `insert into teacher_profiles (user_id, school_id, instruments) select t.id, $1, string_to_array(t.instruments, '|') from unnest($2::uuid[], $3::text[]) as t(id, instruments)`,
      [schoolId, teachers, teachers.map((_, i) => [pick(i, 0), pick(i, 2)].join('|'))],
    );
    // Teacher t teaches students t, t + 100, …: ten a day, Monday to Friday, on the half hour from 09:00.
    const first = mondayAhead(1).getTime() - 6 * 7 * DAY_MS;
    let lessons = 0;
    for (let w = 0; w < WEEKS; w++) {
      const rows = { id: [], teacher: [], student: [], start: [], end: [] };
      students.forEach((student, i) => {
        const t = i % TEACHERS;
        const slot = Math.floor(i / TEACHERS); // 0..49
        const start = first + w * 7 * DAY_MS + Math.floor(slot / 10) * DAY_MS + (9 * 60 + (slot % 10) * 30) * MINUTE_MS;
        rows.id.push(randomUUID());
        rows.teacher.push(teachers[t]);
        rows.student.push(student);
        rows.start.push(new Date(start).toISOString());
        rows.end.push(new Date(start + 30 * MINUTE_MS).toISOString());
      });
      await client.query(
        `insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status)
         select l.id, $1, l.teacher, array[l.student], l.start_at, l.end_at, 'scheduled'
         from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[]) as l(id, teacher, student, start_at, end_at)`,
        [schoolId, rows.id, rows.teacher, rows.student, rows.start, rows.end],
      );
      lessons += rows.id.length;
    }
    await client.query('analyze');
    line(`seeded ${TEACHERS} teachers, ${STUDENTS} students, ${lessons} lessons in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const token = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const queries = [
      ['first page', 'limit=25'],
      ['a search by name', 'q=people-student%2042&limit=25'],
      ['one teacher’s students', `teacherId=${teachers[3]}&limit=25`],
      ['students by instrument', 'instrument=cello&limit=25'],
      ['one teacher’s students by instrument', `teacherId=${teachers[3]}&instrument=violin&limit=25`],
      ['the staff by instrument', 'kind=staff&instrument=guitar&limit=25'],
      ['minors, by date of birth going down', 'minors=only&sort=dateOfBirth&direction=desc&limit=25'],
      ['the last page of everyone', `status=all&offset=${STUDENTS + 25 - 25}&limit=25`],
      ['a page of 100 sorted by email', 'sort=email&offset=2000&limit=100'],
      ['the staff', 'kind=staff&limit=25'],
    ];
    const results = [];
    for (const [name, query] of queries) {
      const url = `${server.baseUrl}/api/v1/people?${query}`;
      const check = await fetch(url, { headers });
      const body = await check.json();
      if (check.status !== 200) throw new Error(`${query} answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`);
      await sequentialRun(url, headers, WARMUP);
      const figures = await sequentialRun(url, headers, REQUESTS);
      results.push({ name, query, total: body.total, rows: body.items.length, ...figures });
      line(`${name.padEnd(38)} total ${String(body.total).padStart(5)}, ${String(body.items.length).padStart(3)} rows   p50 ${figures.p50Ms} ms   p99 ${figures.p99Ms} ms   max ${figures.maxMs} ms   non-200 ${figures.non200}`);
    }
    const url = `${server.baseUrl}/api/v1/people?limit=25`;
    await pacedRun({ url, headers, connections: 8, rate: RATE, durationS: 1 });
    const paced = await pacedRun({ url, headers, connections: 8, rate: RATE, durationS: PACED_SECONDS });
    line(
      `first page at ${RATE} req/s (open loop, up to 8 connections, ${PACED_SECONDS} s)   ${paced.rps.toFixed(0)} req/s   p50 ${paced.p50Ms} ms   p99 ${paced.p99Ms} ms   max ${paced.maxMs} ms` +
        `   (${paced.requests} requests, non-2xx ${paced.non2xx}, errors ${paced.errors})`,
    );
    const ok = results.every((r) => r.p99Ms < TARGET_P99 && r.non200 === 0) && paced.p99Ms < TARGET_P99 && paced.non2xx === 0 && paced.errors === 0;
    line(`p99 < ${TARGET_P99} ms for every query and at ${RATE} req/s: ${pass(ok)}`);
    const summary = { bench: 'people-list', students: STUDENTS, teachers: TEACHERS, lessons, target: { p99Ms: TARGET_P99 }, pass: ok, queries: results, paced: { rate: RATE, ...paced } };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  });
}
