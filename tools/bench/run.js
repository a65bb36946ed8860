// Benchmarks entry: `node tools/bench/run.js [name…]` (no name: all of them, in order).
//
//   me-vs-bare   GET /api/v1/me on the real app vs a bare NestJS route in the same process (target ratio >= 0.6)
//   cold-start   embedded first start and warm restart to /health/ready (target < 15 s), idle RSS (target < 300 MB)
//   booking-race POST /api/v1/lessons with 64 clients vs raw SQL with 64 pg clients, same slots (target ratio >= 0.5),
//                0 overlaps afterwards; also the single-row insert rate under the exclusion constraints
//   week-calendar GET /api/v1/lessons for a week of a 100-teacher school (~2,500 lessons) at 300 req/s (target p99 < 25 ms)
//   free-slots   GET /api/v1/availability/slots over 4 weeks for a busy teacher, one at a time and at 200 req/s
//                (target p99 < 20 ms);
//                shares its seeded school with week-calendar when both run
//   family-lessons GET /api/v1/lessons as a parent over 7 and 87 days of the same school, beside the admin's week
//                (target p99 < 50 ms); shares the seeded school too
//   socket-capacity  BENCH_SOCKETS (default 10,000) authenticated socket.io clients held by one api; memory per connection
//   message-latency  200 messages/s over REST across 1,000 connected clients: POST to the others' sockets (target p99 < 100 ms)
//   people-list  GET /api/v1/people (the console's People tables) for a 5,000-student school: seven kinds of query one at
//                a time, and the first page at 50 req/s (target p99 < 100 ms)
//   reminders-burst  100,000 in-app and 10,000 email reminders due within one minute, delivered by the worker on Bull to a
//                    capture SMTP server (target lateness p99 < 5 s, 0 duplicates, 0 lost); needs the built worker and Redis
//   import       CSV import of 5,000 students in 3,000 families, then their weekly lessons, through /imports: dry run and
//                commit of each (target each under 30 s), and the same files again (all unchanged)
//   attendance   the reports (attendance by teacher, student, instrument and week; room utilisation; students at risk;
//                teacher hours) for a 5,000-student school with 3 years of lessons (target p99 < 200 ms for the attendance
//                and room-utilisation reports), with the plans of their statements
//   stripe-webhooks  3,000 signed Stripe events on 1,000 invoices, shuffled, a fifth twice, to the webhook of the app running
//                its local Stripe (target >= 500 events applied/s, 0 duplicates applied, balances as applied once)
//
// Needs the built api (dist/server) and, for all but cold-start, PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres;
// override with BENCH_PG_URL) on which it creates and drops its own `cadenza_bench_*` database.
// Tuning (env): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 50),
// BENCH_LOG_LEVELS (default "info,warn"), BENCH_FLOORS=0 (skip the /health floors), BENCH_IDLE_MS (default 5000).
// Scheduling benchmarks: BENCH_LOG_LEVEL (their servers' LOG_LEVEL, default info), BENCH_DB_POOL_MAX (the app's pool),
// BENCH_CPU_PROF=<dir> (run their servers with --cpu-prof into <dir>), BENCH_KEEP_DB=1 (keep the database to inspect),
// BENCH_SERVER_LOG=<file> (their servers' JSON request logs, with each request's responseTime), BENCH_SERVER_NODE_ARGS
// (more flags for their servers, e.g. "--trace-gc-nvp"; the lines go with the log), BENCH_HEAP_PROF=<dir> (every
// allocation sampled, collected or not, into <dir>; BENCH_HEAP_PROF_MINOR=0 keeps only what outlived a young-generation
// collection, what a scavenge had to copy), BENCH_SERVER_LOOP=<ms> (their servers log their event loop's delay every <ms>
// with the requests); see each file for the rest.
// BENCH_STRICT=1 makes a missed target exit 2.
// Each benchmark prints its figures and one `SUMMARY {json}` line; this prints a final `BENCH {json}` line.
// Exit code: 0 when every benchmark ran (targets met or not, unless BENCH_STRICT=1), 1 when one failed to run.
import { performance } from 'node:perf_hooks';
import { line, requireBuild, runCleanups } from './lib/util.js';

const BENCHMARKS = {
  'me-vs-bare': () => import('./me-vs-bare.js'),
  'cold-start': () => import('./cold-start.js'),
  'booking-race': () => import('./booking-race.js'),
  'week-calendar': () => import('./calendar-reads.js').then((m) => ({ run: m.weekCalendar })),
  'free-slots': () => import('./calendar-reads.js').then((m) => ({ run: m.freeSlots })),
  'family-lessons': () => import('./calendar-reads.js').then((m) => ({ run: m.familyLessons })),
  'socket-capacity': () => import('./realtime.js').then((m) => ({ run: m.socketCapacity })),
  'message-latency': () => import('./realtime.js').then((m) => ({ run: m.messageLatency })),
  'people-list': () => import('./people-list.js'),
  'reminders-burst': () => import('./reminders.js'),
  import: () => import('./import.js'),
  attendance: () => import('./attendance.js'),
  'stripe-webhooks': () => import('./stripe-webhooks.js'),
};

const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  line(`usage: node tools/bench/run.js [${Object.keys(BENCHMARKS).join('|')}]…`);
  process.exit(0);
}
const unknown = args.filter((a) => !(a in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(64);
}
const names = args.length > 0 ? args : Object.keys(BENCHMARKS);

// Benchmarks clean up in `finally` blocks and register their live resources (child processes, temporary
// databases) with onCleanup(); Ctrl-C / SIGTERM run those at once, then exit.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up (send again to exit at once)\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

requireBuild();
const started = performance.now();
const results = {};
let failed = false;
for (const name of names) {
  try {
    const bench = await BENCHMARKS[name]();
    results[name] = await bench.run({ names });
  } catch (error) {
    failed = true;
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    process.stderr.write(`\n${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  }
}
const seconds = (performance.now() - started) / 1000;
const allPass = Object.values(results).every((r) => r.pass === true);
line();
line(`Benchmarks finished in ${seconds.toFixed(1)} s: ${names.map((n) => `${n} ${results[n]?.error ? 'ERROR' : results[n]?.pass ? 'PASS' : 'FAIL'}`).join(', ')}`);
line(`BENCH ${JSON.stringify({ seconds: Number(seconds.toFixed(1)), pass: allPass && !failed, results: Object.fromEntries(names.map((n) => [n, results[n]?.error ? { error: results[n].error } : { pass: results[n]?.pass }])) })}`);
process.exit(failed || interrupted ? 1 : !allPass && process.env.BENCH_STRICT === '1' ? 2 : 0);
