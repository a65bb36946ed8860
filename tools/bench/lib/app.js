// Helpers for the scheduling benchmarks: the real app in a child process, SQL seeding, timings.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rawConnection } from './raw-http.js';
import pg from 'pg';
import { ROOT, createTempDatabase, dist, line, onCleanup, waitForExit } from './util.js';

export const ADMIN = { email: 'admin@demo.cadenza.school', password: 'cadenza-demo' };
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** LOG_LEVEL of the bench servers (their stdout goes to /dev/null): BENCH_LOG_LEVEL, default info (the app's default). */
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

/** Migrates a fresh database with every context's migrations. */
export async function migrateDatabase(url) {
  const { migrate } = await dist('libs/server/platform/db/src/index.js');
  const { persistence } = await dist('libs/server/bridges/src/index.js');
  return migrate(url, persistence);
}

/**
 * Spawns app-server.js (the real app, demo school seeded) on `databaseUrl`; resolves with { port, baseUrl, stop }.
 * stdout → /dev/null (pino request logs at `logLevel` are written and discarded). BENCH_CPU_PROF=<dir> profiles it.
 */
export function startAppServer({ databaseUrl, secret, logLevel = LOG_LEVEL, poolMax = process.env.BENCH_DB_POOL_MAX }) {
  const execArgv = [];
  if (process.env.BENCH_CPU_PROF) {
    mkdirSync(process.env.BENCH_CPU_PROF, { recursive: true });
    execArgv.push('--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF);
  }
  // BENCH_SERVER_NODE_ARGS: more V8/Node flags for the server (`--trace-gc`, say; its lines go where stdout goes).
  if (process.env.BENCH_SERVER_NODE_ARGS) execArgv.push(...process.env.BENCH_SERVER_NODE_ARGS.split(/\s+/).filter(Boolean));
  // BENCH_SERVER_LOG=<file>: the server's JSON logs go there instead of /dev/null (each request's own
  // `responseTime`, to tell the server's share of a latency from the client's and the kernel's).
  const logTo = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'w') : 'ignore';
  return spawnBenchServer('app-server.js', {
    execArgv,
    stdout: logTo,
    env: { DATABASE_URL: databaseUrl, AUTH_SECRET: secret, LOG_LEVEL: logLevel, ...(poolMax ? { DATABASE_POOL_MAX: String(poolMax) } : {}) },
    onReady: (message, pid) =>
      line(`server: pid ${pid}, LOG_LEVEL=${message.logLevel} (stdout -> /dev/null), DB pool max ${message.poolMax}${process.env.BENCH_CPU_PROF ? `, CPU profile -> ${process.env.BENCH_CPU_PROF}` : ''}`),
  });
}

/**
 * Spawns one of the bench's server scripts (tools/bench/<script>) with the demo school's environment and `env`
 * (no Redis, demo seeded), stderr kept for errors; resolves with what its ready message says and { pid, baseUrl,
 * stop, stderr } once it is ready, or rejects when it exits or is not ready within 60 s. `stop` asks it over IPC,
 * then kills it after 10 s.
 */
export function spawnBenchServer(script, { env, execArgv = [], stdout = 'ignore', onReady = () => undefined }) {
  const child = spawn(process.execPath, [...execArgv, join(ROOT, 'tools', 'bench', script)], {
    cwd: ROOT,
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
    env: { ...process.env, NODE_ENV: 'development', REDIS_URL: '', CADENZA_DEMO: '1', ...env },
  });
  let stderr = '';
  const unregister = onCleanup(() => stop());
  child.on('exit', () => unregister());
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send('stop');
    if (!(await waitForExit(child.pid, 10_000))) child.kill('SIGKILL');
    await waitForExit(child.pid, 2000);
  };
  return new Promise((resolveServer, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the bench server did not start within 60 s\n${stderr}`));
    }, 60_000);
    child.on('message', (message) => {
      if (message?.ready) {
        clearTimeout(timer);
        onReady(message, child.pid);
        resolveServer({ ...message, pid: child.pid, baseUrl: `http://127.0.0.1:${message.port}`, stop, stderr: () => stderr });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited (code ${code}, signal ${signal})\n${stderr}`));
    });
  });
}

/** The demo school's id and its admin's id. */
export async function demoSchool(client) {
  const { rows } = await client.query('select id, school_id from users where email = $1', [ADMIN.email]);
  if (rows.length !== 1) throw new Error('the demo admin was not found: was the demo school seeded?');
  return { schoolId: rows[0].school_id, adminId: rows[0].id };
}

/** Inserts `count` users with `roles` into the school; returns their ids in order. */
export async function seedUsers(client, schoolId, { prefix, count, roles }) {
  const ids = Array.from({ length: count }, () => randomUUID());
  const emails = ids.map((_, i) => `${prefix}${i + 1}@bench.cadenza.test`);
  const names = ids.map((_, i) => `Bench ${prefix} ${i + 1}`);
  await client.query(
    `insert into users (id, school_id, email, name, roles, time_zone, locale, created_at)
     select u.id, $1, u.email, u.name, $5::text[], 'Europe/London', 'en-GB', now()
     from unnest($2::uuid[], $3::text[], $4::text[]) as u(id, email, name)`,
    [schoolId, ids, emails, names, roles],
  );
  return ids;
}

/** Inserts `count` rooms; returns their ids in order. */
export async function seedRooms(client, schoolId, { prefix, count }) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await client.query(
    `insert into rooms (id, school_id, name, capacity) select r.id, $1, r.name, 4 from unnest($2::uuid[], $3::text[]) as r(id, name)`,
    [schoolId, ids, ids.map((_, i) => `${prefix} ${i + 1}`)],
  );
  return ids;
}

/** The Monday (00:00 UTC) at least `weeksAhead` weeks after now. The demo school is in Europe/London (UTC in winter). */
export function mondayAhead(weeksAhead) {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dow = (new Date(today).getUTCDay() + 6) % 7; // 0 = Monday
  return new Date(today + (7 - dow) * DAY_MS + (weeksAhead - 1) * 7 * DAY_MS);
}

/** Percentile (nearest rank) of a numeric array, ms. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencyFigures(values) {
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  return {
    p50Ms: round(percentile(values, 50)),
    p90Ms: round(percentile(values, 90)),
    p99Ms: round(percentile(values, 99)),
    maxMs: round(percentile(values, 100)),
    meanMs: round(mean),
  };
}

export const round = (n, digits = 2) => (typeof n === 'number' && Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

/** Deterministic PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts attendee (person) overlaps and room overlaps among active lessons: both must be 0. */
export async function countOverlaps(client) {
  const people = await client.query(
    `select count(*)::int as n from lesson_attendees a join lesson_attendees b
       on a.person_id = b.person_id and a.lesson_id < b.lesson_id and a.active and b.active and a.during && b.during`,
  );
  const rooms = await client.query(
    `select count(*)::int as n from lessons a join lessons b
       on a.room_id = b.room_id and a.id < b.id and a.status <> 'cancelled' and b.status <> 'cancelled' and a.during && b.during`,
  );
  return { people: people.rows[0].n, rooms: rooms.rows[0].n };
}

/** `count` GET requests to `url` one after another on one keep-alive connection: throughput and latency figures. */
export async function sequentialRun(url, headers, count) {
  const target = new URL(url);
  const connection = await rawConnection(url);
  const latencies = [];
  let non200 = 0;
  try {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const reply = await connection.send('GET', `${target.pathname}${target.search}`, headers);
      latencies.push(performance.now() - t0);
      if (reply.status !== 200) non200++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { requests: count, rps: round(count / seconds, 1), non200, ...latencyFigures(latencies) };
  } finally {
    connection.close();
  }
}

/**
 * A temporary `cadenza_bench_*` database, migrated, with the api serving it (its demo school seeded) and a pg client
 * on it; `work` gets them with the demo school's id and the api's signing secret. Everything is stopped and dropped
 * afterwards, whatever `work` did.
 */
export async function withSeededApp(label, work) {
  const db = await createTempDatabase(label);
  const unregister = onCleanup(() => db.drop());
  line(`database: ${db.name} on 127.0.0.1:5432 (dropped afterwards)`);
  const client = new pg.Client({ connectionString: db.url });
  let server;
  try {
    const applied = await migrateDatabase(db.url);
    line(`migrated: ${applied.length} migration(s)`);
    const secret = randomBytes(48).toString('base64url');
    server = await startAppServer({ databaseUrl: db.url, secret });
    await client.connect();
    const { schoolId } = await demoSchool(client);
    return await work({ server, client, secret, schoolId });
  } finally {
    await client.end().catch(() => undefined);
    await server?.stop();
    await db.drop();
    unregister();
  }
}
