// booking-race: conflict-checked bookings per second through REST (POST /api/v1/lessons as admin, 64 concurrent
// clients) against raw SQL doing the same writes with the same concurrency (64 pg clients), on the same set of slots.
//
// The plan (deterministic): T teachers, each with 84 one-hour slots a week (7 days × 08:00–19:00), a 45-minute lesson
// in each with one of the teacher's own students in the teacher's own room. One base booking in five gets a clash
// right after it in the queue (so the two are usually in flight together), 15 minutes later, overlapping only it:
// the same teacher with another student, another teacher with the same student, or another teacher and student in
// the same room. Exactly one of each pair can win, whichever arrives first, so both sides must end with exactly
// `bases` bookings and `clashes` refusals (409 through REST, 23P01 exclusion violations through SQL).
// REST and SQL write the same relative slots in different weeks of the same database, in BENCH_RACE_ROUNDS rounds
// (default 2) that alternate which goes first (REST SQL, SQL REST, …), so a machine that speeds up or slows down
// during the run (this one's two cores are shared) weighs on both sides alike; each side's rate is its bookings over
// its seconds, summed over the rounds, and each round's own ratio is printed too. The
// SQL side writes what the app writes for a booking: the lesson (whose trigger writes lesson_attendees under the
// exclusion constraints), an outbox_events row and an audit_events row, in one transaction each, no pre-check.
// Afterwards, SQL checks that no person and no room is in two active lessons at once.
// Also: the single-row insert rate under the constraints (one client, sequential autocommit inserts of lessons).
//
// Tuning (env): BENCH_RACE_TEACHERS (default 64), BENCH_RACE_CONCURRENCY (default 64), BENCH_RACE_SECONDS (cap on
// the measured REST run, default 30; SQL then writes the same prefix of the plan), BENCH_LOG_LEVEL (default info),
// BENCH_DB_POOL_MAX (the app's pool, default: the app's default, 20), BENCH_RACE_ROUNDS (default 2).
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { rawConnection } from './lib/raw-http.js';
import { cpuPer, cpuSnapshot, createTempDatabase, fixed, heading, line, onCleanup, pass, signIn } from './lib/util.js';
import {
  DAY_MS,
  MINUTE_MS,
  countOverlaps,
  demoSchool,
  latencyFigures,
  migrateDatabase,
  mondayAhead,
  prng,
  round,
  seedRooms,
  seedUsers,
  startAppServer,
} from './lib/app.js';

const TEACHERS = Number(process.env.BENCH_RACE_TEACHERS ?? 64);
const CONCURRENCY = Number(process.env.BENCH_RACE_CONCURRENCY ?? 64);
const REST_CAP_S = Number(process.env.BENCH_RACE_SECONDS ?? 30);
const SQL_CAP_S = 30;
const SINGLE_CAP_S = 5;
const WARMUP_REQUESTS = 400;
const TARGET_RATIO = 0.5;
const LESSON_MIN = 45;
const CLASH_EVERY = 5; // one base booking in five gets a clash
const ROUNDS = Math.max(1, Number(process.env.BENCH_RACE_ROUNDS ?? 2));

export async function run() {
  heading('booking-race: POST /api/v1/lessons (64 clients) vs raw SQL (64 pg clients), same slots');
  const db = await createTempDatabase('race');
  const unregister = onCleanup(() => db.drop());
  line(`database: ${db.name} on 127.0.0.1:5432 (dropped afterwards)`);
  let server;
  const admin = new pg.Client({ connectionString: db.url });
  try {
    const applied = await migrateDatabase(db.url);
    line(`migrated: ${applied.length} migration(s)`);
    server = await startAppServer({ databaseUrl: db.url, secret: randomBytes(48).toString('base64url') });
    await admin.connect();
    const { schoolId, adminId } = await demoSchool(admin);

    // People and rooms, straight into the demo school.
    const people = {
      teachers: await seedUsers(admin, schoolId, { prefix: 'race-teacher', count: TEACHERS, roles: ['teacher'] }),
      subs: await seedUsers(admin, schoolId, { prefix: 'race-sub', count: TEACHERS, roles: ['teacher'] }),
      students: await seedUsers(admin, schoolId, { prefix: 'race-student', count: TEACHERS * 4, roles: ['student'] }),
      rooms: await seedRooms(admin, schoolId, { prefix: 'Race room', count: TEACHERS }),
    };
    // Statistics, as autovacuum keeps them on a running server (this one may run without it): the app's statements
    // are planned for the tables as they are, not as they were before the demo school was seeded.
    await admin.query('analyze');
    const plan = buildPlan(people);
    const bases = plan.filter((p) => p.kind === 'base').length;
    line(
      `plan: ${TEACHERS} teachers × 84 slots/week = ${bases} bookings of ${LESSON_MIN} min + ${plan.length - bases} clashes ` +
        `(${countKinds(plan)}), ${plan.length} requests; concurrency ${CONCURRENCY}; REST capped at ${REST_CAP_S} s`,
    );

    const token = await signIn(server.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Weeks: warm-up (REST), REST, SQL, single-row inserts: same relative slots, different weeks, all in the future.
    // The demo timetable brings a term and a half-term closure, which the REST side treats as soft conflicts: the
    // bench adds a term over its weeks and skips weeks that touch a closure, so only hard conflicts are left.
    // Weeks: warm-up, then a REST week and a SQL week per round, then the single-row inserts' week.
    const weeks = await benchWeeks(admin, schoolId, 2 + 2 * ROUNDS);
    const restWeek = (r) => weeks[1 + 2 * r];
    const sqlWeek = (r) => weeks[2 + 2 * r];
    const singleWeek = weeks[1 + 2 * ROUNDS];
    const day = (ms) => iso(ms).slice(0, 10);
    line(
      `weeks (Mondays): warm-up ${day(weeks[0])}, ` +
        Array.from({ length: ROUNDS }, (_, r) => `round ${r + 1} REST ${day(restWeek(r))} SQL ${day(sqlWeek(r))}`).join(', ') +
        `, single-row ${day(singleWeek)}`,
    );

    line();
    line(`warm-up: ${WARMUP_REQUESTS} REST requests (not measured)`);
    const warm = await restRun(server.baseUrl, token, plan.slice(0, WARMUP_REQUESTS), weeks[0], REST_CAP_S);
    line(`  warm-up: ${warm.ok} booked, ${warm.conflicts} 409, other ${warm.other}`);

    // The first REST run decides the plan's prefix (REST is capped at REST_CAP_S); every later run writes the same.
    let done = null;
    let expect = null;
    const rests = [];
    const sqls = [];
    for (let r = 0; r < ROUNDS; r++) {
      line(`round ${r + 1} of ${ROUNDS} (${r % 2 === 0 || !done ? 'REST first' : 'SQL first'})`);
      const restSide = async () => {
        const before = cpuSnapshot(server.pid);
        const rest = await restRun(server.baseUrl, token, done ?? plan, restWeek(r), done ? Number.POSITIVE_INFINITY : REST_CAP_S);
        if (!done) {
          done = plan.slice(0, rest.attempted);
          expect = { ok: done.filter((p) => p.kind === 'base').length, conflicts: done.filter((p) => p.kind !== 'base').length };
        }
        rest.cpu = cpuPer(before, cpuSnapshot(server.pid), rest.ok);
        printRun('REST', rest, expect);
        rests.push(rest);
      };
      const sqlSide = async () => {
        const before = cpuSnapshot(server.pid);
        const sql = await sqlRun(db.url, done, sqlWeek(r), { schoolId, adminId });
        sql.cpu = cpuPer(before, cpuSnapshot(server.pid), sql.ok);
        printRun('SQL ', sql, expect);
        if (sql.attempted < done.length) line(`  WARNING: SQL hit its ${SQL_CAP_S} s cap after ${sql.attempted} of ${done.length} requests`);
        sqls.push(sql);
      };
      for (const side of r % 2 === 0 || !done ? [restSide, sqlSide] : [sqlSide, restSide]) await side();
      const roundRatio = rests[r].bookingsPerS / sqls[r].bookingsPerS;
      line(`  round ${r + 1}: REST ${rests[r].bookingsPerS.toFixed(0)} vs SQL ${sqls[r].bookingsPerS.toFixed(0)} bookings/s, ratio ${roundRatio.toFixed(3)}`);
    }
    const rest = combine(rests);
    const sql = combine(sqls);

    const single = await singleRowRun(admin, plan.filter((p) => p.kind === 'base'), singleWeek, schoolId);
    line(
      `single-row inserts (1 client, sequential autocommit insert into lessons + trigger, no conflicts): ` +
        `${single.rowsPerS.toFixed(0)} rows/s (${single.rows} rows in ${single.seconds.toFixed(2)} s, p50 ${single.latency.p50Ms} ms, p99 ${single.latency.p99Ms} ms)`,
    );

    const overlaps = await countOverlaps(admin);
    const lessonCount = (await admin.query('select count(*)::int as n from lessons')).rows[0].n;
    line(`overlaps afterwards (SQL, all ${lessonCount} lessons): people ${overlaps.people}, rooms ${overlaps.rooms}  ${pass(overlaps.people === 0 && overlaps.rooms === 0)}`);

    const ratio = rest.bookingsPerS / sql.bookingsPerS;
    const correct = [...rests, ...sqls].every((r) => r.ok === expect.ok && r.conflicts === expect.conflicts && r.other === 0);
    line();
    line(
      `bookings/s over ${ROUNDS} round(s) REST ${rest.bookingsPerS.toFixed(0)} vs SQL ${sql.bookingsPerS.toFixed(0)}: ratio REST/SQL ${ratio.toFixed(3)}  ` +
        `target >= ${TARGET_RATIO}: ${pass(ratio >= TARGET_RATIO)}`,
    );
    line(`outcomes as expected (${expect.ok} booked, ${expect.conflicts} refused, on both sides, every round): ${pass(correct)}`);
    const summary = {
      bench: 'booking-race',
      concurrency: CONCURRENCY,
      teachers: TEACHERS,
      logLevel: server.logLevel,
      appPoolMax: server.poolMax,
      target: { ratio: TARGET_RATIO, overlaps: 0 },
      pass: ratio >= TARGET_RATIO && overlaps.people === 0 && overlaps.rooms === 0 && correct,
      ratio: fixed(ratio, 3),
      rounds: rests.map((r, i) => ({ rest: fixed(r.bookingsPerS, 1), sql: fixed(sqls[i].bookingsPerS, 1), ratio: fixed(r.bookingsPerS / sqls[i].bookingsPerS, 3) })),
      expected: expect,
      rest: { bookingsPerS: round(rest.bookingsPerS, 1), requestsPerS: round(rest.requestsPerS, 1), seconds: round(rest.seconds, 3), runs: rest.runs.map(strip) },
      sql: { bookingsPerS: round(sql.bookingsPerS, 1), requestsPerS: round(sql.requestsPerS, 1), seconds: round(sql.seconds, 3), runs: sql.runs.map(strip) },
      singleRow: { rowsPerS: fixed(single.rowsPerS, 1), rows: single.rows, ...single.latency },
      overlaps,
      correct,
    };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    await admin.end().catch(() => undefined);
    await server?.stop();
    await db.drop();
    unregister();
  }
}

/** Several runs of one side as one rate: their bookings and requests over their seconds; each run kept as it was. */
function combine(runs) {
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  const seconds = sum('seconds');
  return { seconds, bookingsPerS: sum('ok') / seconds, requestsPerS: sum('attempted') / seconds, runs };
}

/** `count` Mondays from next week on whose weeks touch no closure, inside a term the bench adds over them. */
async function benchWeeks(client, schoolId, count) {
  const closures = (await client.query('select start_date::text as s, end_date::text as e from closures')).rows;
  const mondays = [];
  for (let n = 1; mondays.length < count && n < 60; n++) {
    const monday = mondayAhead(n).getTime();
    const first = iso(monday).slice(0, 10);
    const last = iso(monday + 6 * DAY_MS).slice(0, 10);
    if (!closures.some((c) => c.s <= last && first <= c.e)) mondays.push(monday);
  }
  const from = iso(mondays[0] - DAY_MS).slice(0, 10);
  const to = iso(mondays[mondays.length - 1] + 8 * DAY_MS).slice(0, 10);
  await client.query(`insert into terms (id, school_id, name, start_date, end_date) values ($1, $2, 'Bench term', $3, $4)`, [randomUUID(), schoolId, from, to]);
  return mondays;
}

const ADMIN_EMAIL = 'admin@demo.cadenza.school';
const ADMIN_PASSWORD = 'cadenza-demo';

/** Base bookings in a deterministic shuffled order, each clash right after its base. Offsets are ms from a Monday. */
function buildPlan({ teachers, subs, students, rooms }) {
  const random = prng(20261123);
  const bases = [];
  for (let t = 0; t < teachers.length; t++) {
    for (let day = 0; day < 7; day++) {
      for (let hour = 8; hour < 20; hour++) {
        const start = day * DAY_MS + hour * 60 * MINUTE_MS;
        bases.push({ kind: 'base', t, start, teacherId: teachers[t], studentId: students[t * 4 + (hour % 2)], roomId: rooms[t] });
      }
    }
  }
  for (let i = bases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [bases[i], bases[j]] = [bases[j], bases[i]];
  }
  const plan = [];
  const kinds = ['teacher', 'student', 'room'];
  bases.forEach((b, i) => {
    plan.push(b);
    if (i % CLASH_EVERY !== CLASH_EVERY - 1) return;
    const kind = kinds[Math.floor(i / CLASH_EVERY) % 3];
    const start = b.start + 15 * MINUTE_MS;
    // Each base teacher's clashes fall in disjoint hours, so sub[t] and students[t*4+2|3] never clash with each other.
    if (kind === 'teacher') plan.push({ kind, start, teacherId: b.teacherId, studentId: students[b.t * 4 + 2], roomId: null });
    else if (kind === 'student') plan.push({ kind, start, teacherId: subs[b.t], studentId: b.studentId, roomId: null });
    else plan.push({ kind, start, teacherId: subs[b.t], studentId: students[b.t * 4 + 3], roomId: b.roomId });
  });
  return plan;
}

function countKinds(plan) {
  const counts = {};
  for (const p of plan) if (p.kind !== 'base') counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  return Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
}

const iso = (ms) => new Date(ms).toISOString();

/**
 * 64 keep-alive connections (lib/raw-http.js: raw sockets, one request at a time each, a client that costs the
 * machine little) working through the plan in order, until it is done or `capS` have passed.
 */
async function restRun(baseUrl, token, plan, weekStart, capS) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const latencies = [];
  const result = { attempted: 0, ok: 0, conflicts: 0, conflictsByChecker: 0, conflictsByConstraint: 0, other: 0, otherSamples: [] };
  const connections = await Promise.all(Array.from({ length: CONCURRENCY }, () => rawConnection(baseUrl)));
  let next = 0;
  const started = performance.now();
  const deadline = started + capS * 1000;
  const worker = async (connection) => {
    while (next < plan.length && performance.now() < deadline) {
      const p = plan[next++];
      const start = weekStart + p.start;
      const body = JSON.stringify({ teacherId: p.teacherId, studentIds: [p.studentId], roomId: p.roomId, start: iso(start), end: iso(start + LESSON_MIN * MINUTE_MS) });
      const t0 = performance.now();
      const { status, text } = await connection.send('POST', '/api/v1/lessons', headers, body);
      latencies.push(performance.now() - t0);
      result.attempted++;
      if (status === 201 || status === 200) result.ok++;
      else if (status === 409) {
        result.conflicts++;
        if (text.includes('a moment ago')) result.conflictsByConstraint++;
        else result.conflictsByChecker++;
      } else {
        // A 500 here may be a deadlock (40P01) between two racing inserts, which the app does not map to a 409.
        result.other++;
        if (result.otherSamples.length < 3) result.otherSamples.push(`${status} ${text.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(connections.map(worker));
  for (const connection of connections) connection.close();
  // The plan is consumed in order, so the attempted requests are exactly plan[0 .. attempted).
  result.attempted = next;
  const seconds = (performance.now() - started) / 1000;
  return { ...result, seconds, bookingsPerS: result.ok / seconds, requestsPerS: result.attempted / seconds, latency: latencyFigures(latencies) };
}

/** 64 pg clients: per request, one transaction inserting the lesson, an outbox event and an audit event. */
async function sqlRun(url, plan, weekStart, { schoolId, adminId }) {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.connect()));
  const latencies = [];
  const result = { attempted: 0, ok: 0, conflicts: 0, deadlocks: 0, other: 0, otherSamples: [] };
  let next = 0;
  const started = performance.now();
  const deadline = started + SQL_CAP_S * 1000;
  const worker = async (client) => {
    while (next < plan.length && performance.now() < deadline) {
      const p = plan[next++];
      const start = new Date(weekStart + p.start);
      const end = new Date(weekStart + p.start + LESSON_MIN * MINUTE_MS);
      const id = randomUUID();
      const lesson = { lessonId: id, teacherId: p.teacherId, studentIds: [p.studentId], roomId: p.roomId, start: start.toISOString(), end: end.toISOString() };
      const t0 = performance.now();
      try {
        await client.query('begin');
        await client.query(
          `insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status) values ($1, $2, $3, $4, $5, $6, $7, 'scheduled')`,
          [id, schoolId, p.teacherId, p.roomId, [p.studentId], start, end],
        );
        await client.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, 'lesson.scheduled', $3, now())`, [
          randomUUID(),
          schoolId,
          JSON.stringify({ actorId: adminId, lesson }),
        ]);
        await client.query(
          `insert into audit_events (id, school_id, occurred_at, actor_id, action, entity_type, entity_id, after) values ($1, $2, now(), $3, 'scheduling.lesson.booked', 'lesson', $4, $5)`,
          [randomUUID(), schoolId, adminId, id, JSON.stringify({ ...lesson, status: 'scheduled' })],
        );
        await client.query('commit');
        result.ok++;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        // 40P01: two conflicting inserts found each other's in-progress index entries and waited on each other;
        // PostgreSQL aborts one, which is the exclusion constraint refusing it all the same.
        if (error.code === '23P01') result.conflicts++;
        else if (error.code === '40P01') {
          result.conflicts++;
          result.deadlocks++;
        } else {
          result.other++;
          if (result.otherSamples.length < 3) result.otherSamples.push(`${error.code} ${error.message}`);
        }
      }
      latencies.push(performance.now() - t0);
    }
  };
  try {
    await Promise.all(clients.map(worker));
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
  result.attempted = next;
  const seconds = (performance.now() - started) / 1000;
  return { ...result, seconds, bookingsPerS: result.ok / seconds, requestsPerS: result.attempted / seconds, latency: latencyFigures(latencies) };
}

/** One client, sequential autocommit inserts into lessons (the trigger writes the attendees), no conflicts. */
async function singleRowRun(client, bases, weekStart, schoolId) {
  const latencies = [];
  let rows = 0;
  const started = performance.now();
  const deadline = started + SINGLE_CAP_S * 1000;
  for (const p of bases) {
    if (performance.now() >= deadline) break;
    const start = new Date(weekStart + p.start);
    const t0 = performance.now();
    await client.query(
      `insert into lessons (id, school_id, teacher_id, room_id, student_ids, start_at, end_at, status) values ($1, $2, $3, $4, $5, $6, $7, 'scheduled')`,
      [randomUUID(), schoolId, p.teacherId, p.roomId, [p.studentId], start, new Date(start.getTime() + LESSON_MIN * MINUTE_MS)],
    );
    latencies.push(performance.now() - t0);
    rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerS: rows / seconds, latency: latencyFigures(latencies) };
}

function printRun(label, r, expect) {
  const split =
    r.conflictsByChecker !== undefined
      ? ` (checker ${r.conflictsByChecker}, constraint ${r.conflictsByConstraint})`
      : ` (of which ${r.deadlocks} as deadlock 40P01)`;
  line(
    `${label} ${r.bookingsPerS.toFixed(0).padStart(6)} bookings/s  ${r.requestsPerS.toFixed(0).padStart(6)} requests/s  ` +
      `${r.attempted} requests in ${r.seconds.toFixed(2)} s: ${r.ok} booked, ${r.conflicts} ${label.trim() === 'REST' ? '409' : 'exclusion violations'}${split}, other ${r.other}` +
      `   latency p50 ${r.latency.p50Ms} ms p99 ${r.latency.p99Ms} ms max ${r.latency.maxMs} ms`,
  );
  const c = r.cpu;
  const share = (ms) => `${Math.round((100 * ms * r.ok) / (r.seconds * 1000))}%`;
  line(
    `       CPU per booking: app ${c.app.toFixed(2)} ms (main thread ${c.appMain.toFixed(2)}), PostgreSQL ${c.postgres.toFixed(2)} ms, load client ${c.bench.toFixed(2)} ms, ` +
      `other ${c.other.toFixed(2)} ms; machine ${c.total.toFixed(2)} ms (${share(c.total / availableParallelism())} of ${availableParallelism()} CPUs); ` +
      `the app's main thread ran ${share(c.appMain)} of the time and waited for a CPU ${share(c.appMainRunQueue)}`,
  );
  if (r.ok !== expect.ok || r.conflicts !== expect.conflicts) line(`  WARNING: expected ${expect.ok} booked and ${expect.conflicts} refused`);
  for (const s of r.otherSamples) line(`  unexpected: ${s}`);
}

function strip(r) {
  const { otherSamples, latency, cpu, ...rest } = r;
  return {
    ...rest,
    cpuMsPerBooking: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v, 3)])),
    seconds: round(r.seconds, 3),
    bookingsPerS: round(r.bookingsPerS, 1),
    requestsPerS: round(r.requestsPerS, 1),
    ...latency,
    ...(otherSamples.length > 0 ? { otherSamples } : {}),
  };
}
