// week-calendar, free-slots and family-lessons: reads of a 100-teacher school's timetable through REST, as the demo
// admin (and, for family-lessons, a parent).
//
// The school (seeded once, shared by both when both run, in a temporary `cadenza_bench_*` database): the demo school
// plus, straight through SQL, 100 teachers, 2,500 students and 100 rooms; every teacher gives 25 lessons a week
// (Monday–Friday, five 45-minute lessons on the hour, each with its own student in the teacher's room), over five
// weeks starting next Monday: 12,500 lessons, 2,500 in the measured week (the second one). Nobody overlaps.
//   week-calendar  GET /api/v1/lessons?from=<Monday>&to=<next Monday> arriving at a constant 300 requests/s
//                  (lib/paced-client.js: open loop, one request due every 1/300 s, sent on up to 32 keep-alive
//                  connections, latency counted from when each was due, response bytes counted but not decoded) for BENCH_CAL_DURATION s (default 10) after a 2 s warm-up: p50, p99 (target < 25 ms),
//                  throughput, response size; gzip (the headline, as browsers ask), then uncompressed.
//   free-slots     GET /api/v1/availability/slots for the busiest kind of teacher (teacher 1: lessons 13:00–17:45
//                  Monday–Friday, availability set through PUT /api/v1/availability/{id} to Monday–Friday 12:00–18:00
//                  with a 15-minute buffer: one free 45-minute slot a day), 45 minutes, over 4 weeks from the measured
//                  Monday: 200 sequential requests on one keep-alive connection (lib/raw-http.js), then arriving at a
//                  constant 200 requests/s for 5 s (lib/paced-client.js, on up to 8 connections, latency from each
//                  request's due time); target p99 < 20 ms for both. For information: 8 clients sending back to back
//                  for 5 s (autocannon, closed loop: the server's capacity, and the latency of a queue 8 deep), and
//                  limit=50 (scans all four weeks, 15 slots).
//   family-lessons GET /api/v1/lessons as the demo's parent1 over 7 and 87 days, and as the admin over 7 days, 40
//                  requests one after another each (lib/raw-http.js); target p99 < 50 ms for the parent's two ranges.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { createTempDatabase, fixed, heading, line, onCleanup, pass, signIn } from './lib/util.js';
import { pacedRun } from './lib/paced-client.js';
import { ADMIN, DAY_MS, MINUTE_MS, demoSchool, migrateDatabase, mondayAhead, seedRooms, seedUsers, sequentialRun, startAppServer } from './lib/app.js';

const TEACHERS = 100;
const LESSONS_PER_DAY = 5;
const WEEKS = 5; // the measured week is the second
const RATE = 300;
const CAL_DURATION = Number(process.env.BENCH_CAL_DURATION ?? 10);
const CAL_WARMUP = 2;
const CAL_CONNECTIONS = 32;
const CAL_TARGET_P99 = 25;
const SLOTS_SEQUENTIAL = 200;
const SLOTS_WARMUP = 400;
const SLOTS_CONNECTIONS = 8;
const SLOTS_DURATION = 5;
const SLOTS_RATE = 200;
const SLOTS_TARGET_P99 = 20;
const FAMILY_REQUESTS = 40;
const FAMILY_TARGET_P99 = 50;
const MINE = ['week-calendar', 'free-slots', 'family-lessons'];

let fixturePromise = null;

/** The seeded school and its server, created by whichever of the two runs first. */
function fixture() {
  fixturePromise ??= createFixture();
  return fixturePromise;
}

/** Drops the school once the last of this file's benchmarks that were asked for has run. */
async function releaseIfLast(name, names = MINE) {
  const mine = names.filter((n) => MINE.includes(n));
  if (mine.length > 0 && mine[mine.length - 1] !== name) return;
  if (!fixturePromise) return;
  const pending = fixturePromise;
  fixturePromise = null;
  const f = await pending.catch(() => null);
  await f?.close();
}

async function createFixture() {
  heading('calendar school: demo school + 100 teachers, 2,500 students, 12,500 lessons over 5 weeks (SQL seed)');
  const db = await createTempDatabase('cal');
  const unregister = onCleanup(() => db.drop());
  line(`database: ${db.name} on 127.0.0.1:5432 (dropped afterwards)`);
  let server;
  const client = new pg.Client({ connectionString: db.url });
  const close = async () => {
    await client.end().catch(() => undefined);
    await server?.stop();
    await db.drop();
    unregister();
  };
  try {
    const applied = await migrateDatabase(db.url);
    line(`migrated: ${applied.length} migration(s)`);
    server = await startAppServer({ databaseUrl: db.url, secret: randomBytes(48).toString('base64url') });
    await client.connect();
    const started = performance.now();
    const { schoolId } = await demoSchool(client);
    const teachers = await seedUsers(client, schoolId, { prefix: 'cal-teacher', count: TEACHERS, roles: ['teacher'] });
    const students = await seedUsers(client, schoolId, { prefix: 'cal-student', count: TEACHERS * LESSONS_PER_DAY * 5, roles: ['student'] });
    const rooms = await seedRooms(client, schoolId, { prefix: 'Cal room', count: TEACHERS });
    const first = mondayAhead(1).getTime();
    const monday = mondayAhead(2).getTime();
    // Teacher 0 (the free-slots one) teaches 13:00–17:45; the others start between 09:00 and 14:00.
    const startHour = (t) => (t === 0 ? 13 : 9 + (t % 6));
    let lessons = 0;
    for (let w = 0; w < WEEKS; w++) {
      const rows = { id: [], teacher: [], room: [], student: [], start: [], end: [] };
      for (let t = 0; t < TEACHERS; t++) {
        for (let d = 0; d < 5; d++) {
          for (let j = 0; j < LESSONS_PER_DAY; j++) {
            const start = first + w * 7 * DAY_MS + d * DAY_MS + (startHour(t) + j) * 60 * MINUTE_MS;
            rows.id.push(randomUUID());
            rows.teacher.push(teachers[t]);
            rows.room.push(rooms[t]);
            rows.student.push(students[t * LESSONS_PER_DAY * 5 + d * LESSONS_PER_DAY + j]);
            rows.start.push(new Date(start).toISOString());
            rows.end.push(new Date(start + 45 * MINUTE_MS).toISOString());
          }
        }
      }
      await client.query(
        `insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status)
         select l.id, $1, l.teacher, l.room, array[l.student], l.start_at, l.end_at, 'scheduled'
         from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[]) as l(id, teacher, room, student, start_at, end_at)`,
        [schoolId, rows.id, rows.teacher, rows.room, rows.student, rows.start, rows.end],
      );
      lessons += rows.id.length;
    }
    await client.query('analyze');
    const inWeek = (await client.query('select count(*)::int as n from lessons where start_at >= $1 and start_at < $2', [new Date(monday), new Date(monday + 7 * DAY_MS)])).rows[0].n;
    line(`seeded ${TEACHERS} teachers, ${students.length} students, ${rooms.length} rooms, ${lessons} lessons (${inWeek} in the measured week) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const token = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    return { db, server, client, token, schoolId, teachers, monday, inWeek, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const isoDay = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

export async function weekCalendar({ names } = {}) {
  try {
    const f = await fixture();
    heading('week-calendar: GET /api/v1/lessons for one week of a 100-teacher school, as admin, 300 req/s');
    const url = `${f.server.baseUrl}/api/v1/lessons?from=${encodeURIComponent(isoDay(f.monday))}&to=${encodeURIComponent(isoDay(f.monday + 7 * DAY_MS))}`;
    const headers = { authorization: `Bearer ${f.token}` };
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.arrayBuffer();
    const firstMs = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    const listed = JSON.parse(Buffer.from(body).toString()).length;
    line(`${url.replace(f.server.baseUrl, '')}`);
    line(`response: ${listed} lessons (${f.inWeek} seeded in the week), ${(body.byteLength / 1024).toFixed(1)} KiB JSON, content-encoding ${response.headers.get('content-encoding') ?? 'none'}; first request ${firstMs.toFixed(1)} ms`);
    line(`open-loop client (lib/paced-client.js, latency from each request's due time, bodies counted, not decoded): ${RATE} req/s on up to ${CAL_CONNECTIONS} keep-alive connections, ${CAL_WARMUP} s warm-up + ${CAL_DURATION} s measured`);
    // Twice: as browsers ask (Accept-Encoding: gzip, the headline), and uncompressed.
    const variants = {};
    for (const [name, extra] of [['gzip', { 'accept-encoding': 'gzip' }], ['identity', { 'accept-encoding': 'identity' }]]) {
      const asked = { ...headers, ...extra };
      await pacedRun({ url, headers: asked, connections: CAL_CONNECTIONS, rate: RATE, durationS: CAL_WARMUP });
      const v = await pacedRun({ url, headers: asked, connections: CAL_CONNECTIONS, rate: RATE, durationS: CAL_DURATION });
      variants[name] = v;
      line(
        `week ${name.padEnd(8)} ${v.rps.toFixed(1)} req/s (asked ${RATE})   p50 ${v.p50Ms} ms   p90 ${v.p90Ms} ms   p99 ${v.p99Ms} ms   max ${v.maxMs} ms` +
          `   ${(v.bytesPerS / 1048576).toFixed(1)} MiB/s   (${v.requests} requests, non-2xx ${v.non2xx}, errors ${v.errors}, timeouts ${v.timeouts})`,
      );
    }
    const figures = variants.gzip;
    const ok = figures.p99Ms < CAL_TARGET_P99 && figures.non2xx === 0 && figures.errors === 0 && figures.rps >= RATE * 0.95;
    line(`p99 ${figures.p99Ms} ms (gzip, as browsers ask; uncompressed p99 ${variants.identity.p99Ms} ms), target < ${CAL_TARGET_P99} ms at ${RATE} req/s sustained: ${pass(ok)}`);
    if (figures.rps < RATE * 0.95) line(`  the server did not keep up with ${RATE} req/s (${figures.rps.toFixed(1)} req/s served)`);
    const summary = {
      bench: 'week-calendar',
      teachers: TEACHERS,
      lessonsInWeek: listed,
      responseBytes: body.byteLength,
      rate: RATE,
      connections: CAL_CONNECTIONS,
      durationS: CAL_DURATION,
      logLevel: f.server.logLevel,
      target: { p99Ms: CAL_TARGET_P99, rate: RATE },
      pass: ok,
      ...figures,
      identity: variants.identity,
    };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    await releaseIfLast('week-calendar', names);
  }
}

export async function freeSlots({ names } = {}) {
  try {
    const f = await fixture();
    heading('free-slots: GET /api/v1/availability/slots, busy teacher, 45 min over 4 weeks, as admin');
    const headers = { authorization: `Bearer ${f.token}` };
    const teacherId = f.teachers[0];
    const windows = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '12:00', endTime: '18:00' }));
    const put = await fetch(`${f.server.baseUrl}/api/v1/availability/${teacherId}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ windows, bufferMinutes: 15 }),
    });
    if (put.status !== 200) throw new Error(`PUT availability answered ${put.status}: ${(await put.text()).slice(0, 300)}`);
    await put.arrayBuffer().catch(() => undefined);
    const busy = (await f.client.query('select count(*)::int as n from lessons where teacher_id = $1 and start_at >= $2 and start_at < $3', [teacherId, new Date(f.monday), new Date(f.monday + 28 * DAY_MS)])).rows[0].n;
    const closed = (await f.client.query(`select name, start_date::text as s, end_date::text as e from closures where start_date < $2::date and end_date >= $1::date`, [isoDay(f.monday).slice(0, 10), isoDay(f.monday + 28 * DAY_MS).slice(0, 10)])).rows;
    const terms = (await f.client.query(`select start_date::text as s, end_date::text as e from terms`)).rows;
    line(`demo calendar: terms ${terms.map((t) => `${t.s}..${t.e}`).join(', ') || 'none'}; closures in range ${closed.map((c) => `${c.name} ${c.s}..${c.e}`).join(', ') || 'none'}`);
    line(`teacher ${teacherId}: availability Mon–Fri 12:00–18:00, buffer 15 min; ${busy} lessons in the 4 weeks (${busy / 4}/week), 13:00–17:45`);
    const query = (limit) =>
      `${f.server.baseUrl}/api/v1/availability/slots?teacherId=${teacherId}&durationMinutes=45&from=${encodeURIComponent(isoDay(f.monday))}&to=${encodeURIComponent(isoDay(f.monday + 28 * DAY_MS))}${limit ? `&limit=${limit}` : ''}`;
    const url = query(null);
    line(url.replace(f.server.baseUrl, ''));

    const check = await fetch(url, { headers });
    const slots = await check.json();
    if (check.status !== 200) throw new Error(`${url} answered ${check.status}: ${JSON.stringify(slots).slice(0, 300)}`);
    line(`answer (default limit): ${slots.length} slots, first ${slots[0]?.start ?? 'none'}, last ${slots.at(-1)?.start ?? 'none'}`);

    // Warm-up (the JIT's and PostgreSQL's caches), then 200 sequential requests on one connection.
    await sequentialRun(url, headers, SLOTS_WARMUP);
    const sequential = await sequentialRun(url, headers, SLOTS_SEQUENTIAL);
    line(`one at a time (${SLOTS_SEQUENTIAL} requests, one connection)   ${sequential.rps.toFixed(0)} req/s   p50 ${sequential.p50Ms} ms   p90 ${sequential.p90Ms} ms   p99 ${sequential.p99Ms} ms   max ${sequential.maxMs} ms   non-200 ${sequential.non200}`);

    // Arriving at a constant rate, as searches from many people would: open loop, latency from each request's due time.
    await pacedRun({ url, headers, connections: SLOTS_CONNECTIONS, rate: SLOTS_RATE, durationS: 1 });
    const paced = await pacedRun({ url, headers, connections: SLOTS_CONNECTIONS, rate: SLOTS_RATE, durationS: SLOTS_DURATION });
    line(
      `at ${SLOTS_RATE} req/s (open loop, up to ${SLOTS_CONNECTIONS} connections, ${SLOTS_DURATION} s)   ${paced.rps.toFixed(0)} req/s   p50 ${paced.p50Ms} ms   p90 ${paced.p90Ms} ms   p99 ${paced.p99Ms} ms   max ${paced.maxMs} ms` +
        `   (${paced.requests} requests, non-2xx ${paced.non2xx}, errors ${paced.errors}, timeouts ${paced.timeouts})`,
    );

    // Informational: 8 clients back to back (closed loop) find the server's capacity; their latency is mostly the
    // wait behind the other 7 (8 / throughput on average), not the search.
    const r = await autocannon({ url, headers, connections: SLOTS_CONNECTIONS, duration: SLOTS_DURATION });
    const saturated = cannonFigures(r, SLOTS_DURATION);
    line(
      `capacity (informational: ${SLOTS_CONNECTIONS} clients back to back, ${SLOTS_DURATION} s)   ${saturated.rps.toFixed(0)} req/s   p50 ${saturated.p50Ms} ms   p90 ${saturated.p90Ms} ms   p99 ${saturated.p99Ms} ms   max ${saturated.maxMs} ms` +
        `   (${saturated.requests} requests, non-2xx ${saturated.non2xx}, errors ${saturated.errors})`,
    );

    // Informational: limit=50 scans the whole four weeks.
    const wide = query(50);
    const wideSlots = await (await fetch(wide, { headers })).json();
    const wideRun = await sequentialRun(wide, headers, 100);
    line(`limit=50 (informational, ${wideSlots.length} slots, 100 one at a time)   p50 ${wideRun.p50Ms} ms   p99 ${wideRun.p99Ms} ms`);

    const ok =
      sequential.p99Ms < SLOTS_TARGET_P99 &&
      paced.p99Ms < SLOTS_TARGET_P99 &&
      paced.rps >= SLOTS_RATE * 0.95 &&
      sequential.non200 === 0 &&
      paced.non2xx === 0 &&
      paced.errors === 0 &&
      paced.timeouts === 0;
    line(`p99 one at a time ${sequential.p99Ms} ms, at ${SLOTS_RATE} req/s ${paced.p99Ms} ms, target < ${SLOTS_TARGET_P99} ms: ${pass(ok)}`);
    const summary = {
      bench: 'free-slots',
      teacherLessonsIn4Weeks: busy,
      slotsReturned: slots.length,
      logLevel: f.server.logLevel,
      target: { p99Ms: SLOTS_TARGET_P99 },
      pass: ok,
      sequential,
      paced: { rate: SLOTS_RATE, connections: SLOTS_CONNECTIONS, durationS: SLOTS_DURATION, ...paced },
      capacity: { connections: SLOTS_CONNECTIONS, durationS: SLOTS_DURATION, ...saturated },
      limit50: { slots: wideSlots.length, ...wideRun },
    };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    await releaseIfLast('free-slots', names);
  }
}

/**
 * family-lessons: GET /api/v1/lessons as a parent (the demo's parent1, two children with one weekly lesson each), over
 * 7 and 87 days, against the same read for the admin over 7 days; 40 requests one after another for each. A parent's
 * answer is a handful of lessons: its cost should follow the family's lessons, not the school's 12,500 (target p99 <
 * 50 ms for both ranges).
 */
export async function familyLessons({ names } = {}) {
  try {
    const f = await fixture();
    heading(`family-lessons: GET /api/v1/lessons as a parent (7 and 87 days) and as the admin (7 days), ${FAMILY_REQUESTS} sequential requests each`);
    const parentToken = await signIn(f.server.baseUrl, 'parent1@demo.cadenza.school', ADMIN.password);
    const from = Date.now();
    const url = (days) => `${f.server.baseUrl}/api/v1/lessons?from=${encodeURIComponent(isoDay(from))}&to=${encodeURIComponent(isoDay(from + days * DAY_MS))}`;
    const runs = {};
    for (const [label, token, days] of [
      ['parent7', parentToken, 7],
      ['parent87', parentToken, 87],
      ['admin7', f.token, 7],
    ]) {
      const headers = { authorization: `Bearer ${token}` };
      const first = await fetch(url(days), { headers });
      const listed = first.status === 200 ? (await first.json()).length : null;
      if (first.status !== 200) throw new Error(`${label}: ${first.status}`);
      runs[label] = { days, lessons: listed, ...(await sequentialRun(url(days), headers, FAMILY_REQUESTS)) };
      line(`${label}: ${listed} lessons, p50 ${runs[label].p50Ms} ms, p99 ${runs[label].p99Ms} ms`);
    }
    const ok = runs.parent7.p99Ms < FAMILY_TARGET_P99 && runs.parent87.p99Ms < FAMILY_TARGET_P99;
    line(`parent p99 7 days ${runs.parent7.p99Ms} ms, 87 days ${runs.parent87.p99Ms} ms, target < ${FAMILY_TARGET_P99} ms: ${pass(ok)}`);
    const summary = { bench: 'family-lessons', target: { p99Ms: FAMILY_TARGET_P99 }, pass: ok, ...runs };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    await releaseIfLast('family-lessons', names);
  }
}

/** `count` requests one after another on one keep-alive connection (lib/raw-http.js), each timed from send to body. */
function cannonFigures(r, duration) {
  return {
    rps: fixed(r.requests.total / duration, 1),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    meanMs: fixed(r.latency.average, 2),
    bytesPerS: fixed(r.throughput.total / duration, 0),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
