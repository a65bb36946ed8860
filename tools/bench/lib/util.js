// Shared helpers for the benchmarks: ports, temporary databases, processes, /proc readings, output.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** The workspace root (tools/bench/lib → ../../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The built server (`npx tsc -p apps/api/tsconfig.app.json && npx tsc-alias …`). */
export const DIST = join(ROOT, 'dist', 'server');
export const MAIN_JS = join(DIST, 'apps', 'api', 'src', 'main.js');
export const HOST = '127.0.0.1';

export { sleep };

/** Fails early, with the build command, when dist/server is missing. */
export function requireBuild() {
  if (!existsSync(MAIN_JS)) {
    throw new Error(
      `${MAIN_JS} not found. Build the api first:\n` +
        '  npx tsc -p apps/api/tsconfig.app.json && npx tsc-alias -p apps/api/tsconfig.alias.json --resolve-full-paths',
    );
  }
}

/** A dist module, by its path under dist/server (e.g. 'apps/api/src/http-app.js'). */
export function dist(path) {
  return import(join(DIST, path));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// ---- temporary PostgreSQL database on 127.0.0.1:5432 -------------------------------------

/** The server the benchmarks may create their own databases on (only `cadenza_bench_*` ones). */
export const BENCH_PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates `cadenza_bench_<pid>_<random>`; returns its URL and a drop() that removes it. */
export async function createTempDatabase(label) {
  const name = `cadenza_bench_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (!/^cadenza_bench_[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(BENCH_PG);
  if (admin.hostname !== HOST && admin.hostname !== 'localhost') throw new Error('BENCH_PG_URL must point at 127.0.0.1');
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(BENCH_PG);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // BENCH_KEEP_DB=1 leaves it for inspection (EXPLAIN the app's statements on the data the run left).
      if (process.env.BENCH_KEEP_DB === '1') return void process.stderr.write(`kept database ${name}\n`);
      // WITH (FORCE) ends any connection a crashed child left behind (PostgreSQL ≥ 13).
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: BENCH_PG });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// ---- HTTP -----------------------------------------------------------------------------------

/** Polls `url` until it answers `status` (or throws after `timeoutMs`); returns ms waited. */
export async function waitForStatus(url, { status = 200, timeoutMs = 60_000, intervalMs = 50, abort } = {}) {
  const start = performance.now();
  for (;;) {
    if (abort?.()) throw new Error(abort());
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === status) return performance.now() - start;
    } catch {
      // not listening yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}

/** Signs in with email/password; returns the bearer access token. */
export async function signIn(baseUrl, email, password) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 200 || typeof body.accessToken !== 'string') {
    throw new Error(`sign-in as ${email} failed: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.accessToken;
}

// ---- /proc ----------------------------------------------------------------------------------

/** Reads `VmRSS` (and `Pss` from smaps_rollup when readable) of a pid, in kB; null if gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    let pss = null;
    try {
      pss = Number(/^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? NaN);
    } catch {
      // smaps_rollup missing or not permitted
    }
    return { rssKb: rss, pssKb: pss };
  } catch {
    return null;
  }
}

/** The command line of a pid ('' when gone). */
export function cmdlineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

/** Every descendant of `pid` (children, grandchildren…), from /proc/<n>/stat's ppid field. */
export function descendantsOf(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …  — comm may contain spaces, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const current = frontier.pop();
    for (const [child, parent] of parentOf) {
      if (parent === current) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux's usual builds). */
const TICK_MS = 10;

/** utime + stime of a process or thread from its /proc stat line, in ms; with `children`, its reaped children's too. */
function cpuMsOf(stat, children = false) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11..14] = utime stime cutime cstime (stat fields 14–17)
  const own = Number(fields[11]) + Number(fields[12]);
  return (own + (children ? Number(fields[13]) + Number(fields[14]) : 0)) * TICK_MS;
}

/**
 * CPU used so far, in ms: by `pid` (a bench's app server; `appMain`: its main thread, where its JavaScript runs),
 * by PostgreSQL (each of its processes on the machine, and what the backends that have exited used, which their
 * postmaster keeps as its children's times), by this process, and by the whole machine (busy time of all CPUs,
 * from /proc/stat). `appMainRunQueue`: how long the app's main thread was ready to run but waited for a CPU.
 * `cpuPer` turns two snapshots around a phase into where its CPU went.
 */
export function cpuSnapshot(pid) {
  let app = 0;
  const postgres = new Map();
  let reaped = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    if (Number(entry) === pid) app = cpuMsOf(stat, true);
    else if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') {
      postgres.set(entry, cpuMsOf(stat));
      reaped += cpuMsOf(stat, true) - cpuMsOf(stat);
    }
  }
  let appMain = 0;
  let appMainRunQueue = 0;
  try {
    appMain = cpuMsOf(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
    // schedstat: ns on a CPU, ns runnable but waiting for one, time slices
    appMainRunQueue = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    // gone, or a kernel without schedstats
  }
  const self = process.cpuUsage();
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait
  const machine = (cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) * TICK_MS;
  return { app, appMain, appMainRunQueue, postgres, reaped, bench: (self.user + self.system) / 1000, machine };
}

/**
 * Where the CPU went between two `cpuSnapshot`s, per unit of work (ms each): app (appMain of it), postgres, bench,
 * other, total. A backend that exited in between counts only what it used after the first snapshot: its whole
 * life reaches the postmaster's children's times, less what it had used before.
 */
export function cpuPer(before, after, units) {
  const d = (key) => (after[key] - before[key]) / Math.max(1, units);
  let postgresMs = after.reaped - before.reaped;
  for (const [process, ms] of after.postgres) postgresMs += ms - (before.postgres.get(process) ?? 0);
  for (const [process, ms] of before.postgres) if (!after.postgres.has(process)) postgresMs -= ms;
  const app = d('app');
  const postgres = postgresMs / Math.max(1, units);
  const bench = d('bench');
  const total = d('machine');
  return { app, appMain: d('appMain'), appMainRunQueue: d('appMainRunQueue'), postgres, bench, other: Math.max(0, total - app - postgres - bench), total };
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Waits until `pid` has exited, up to `timeoutMs`; true if it did. */
export async function waitForExit(pid, timeoutMs) {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (!alive(pid)) return true;
    await sleep(50);
  }
  return !alive(pid);
}

// ---- output ---------------------------------------------------------------------------------

export const mb = (kb) => (kb == null || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
export const pass = (ok) => (ok ? 'PASS' : 'FAIL');
export const fixed = (n, digits = 1) => (typeof n === 'number' && Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

export function heading(text) {
  process.stdout.write(`\n=== ${text} ${'='.repeat(Math.max(0, 72 - text.length))}\n`);
}

export function line(text = '') {
  process.stdout.write(`${text}\n`);
}

// ---- cleanup on interruption ----------------------------------------------------------------

const cleanups = new Set();

/** Registers `fn` to run if the run is interrupted; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs every registered cleanup (newest first), each at most once. */
export async function runCleanups() {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of pending) await Promise.resolve().then(fn).catch(() => undefined);
}
