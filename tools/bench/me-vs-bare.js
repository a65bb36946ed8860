// me-vs-bare: GET /api/v1/me on the real app against a bare NestJS route, both in one server process.
//
// The server process (me-vs-bare-server.js) runs the real app on a temporary `cadenza_bench_*` database on
// 127.0.0.1:5432 (migrated here, demo school seeded there) next to a minimal Nest app. Its stdout goes to
// /dev/null, so request logging at LOG_LEVEL=info is really done (serialised and written), then discarded.
// The load generator (autocannon) runs in THIS process, so it does not share the server's event loop.
// Variants: LOG_LEVEL=info (the default; the headline figure) and LOG_LEVEL=warn (no per-request logs). The first
// variant also measures /health/live and /health/ready of the real app, to show where the gap opens.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { spawnBenchServer } from './lib/app.js';
import { createTempDatabase, dist, fixed, heading, line, onCleanup, pass, signIn } from './lib/util.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10); // seconds, per measured run
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2); // seconds, per target before measuring
const TARGET_RATIO = 0.6;
/** Also measure /health/live and /health/ready of the real app in the first variant (BENCH_FLOORS=0: skip). */
const FLOORS = process.env.BENCH_FLOORS !== '0';
const FLOOR_DURATION = Math.max(1, Math.round(DURATION / 2));
const ADMIN = { email: 'admin@demo.cadenza.school', password: 'cadenza-demo' };

/** LOG_LEVEL variants to run; BENCH_LOG_LEVELS=info to run only the headline one. */
const LEVELS = (process.env.BENCH_LOG_LEVELS ?? 'info,warn').split(',').map((s) => s.trim()).filter(Boolean);

export async function run() {
  heading('me-vs-bare: GET /api/v1/me (real app) vs a bare NestJS route, same process');
  line(`autocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s measured per target, sequential (me, then bare)`);
  const db = await createTempDatabase('me');
  const unregister = onCleanup(() => db.drop());
  line(`database: ${db.name} on 127.0.0.1:5432 (dropped afterwards)`);
  const variants = [];
  try {
    const { migrate } = await dist('libs/server/platform/db/src/index.js');
    const { persistence } = await dist('libs/server/bridges/src/index.js');
    const applied = await migrate(db.url, persistence);
    line(`migrated: ${applied.length} migration(s)`);
    const secret = randomBytes(48).toString('base64url');
    for (const level of LEVELS) {
      variants.push(await runVariant(db.url, secret, level, FLOORS && variants.length === 0));
    }
  } finally {
    await db.drop();
    unregister();
  }
  const headline = variants.find((v) => v.logLevel === 'info') ?? variants[0];
  line();
  for (const v of variants) {
    line(
      `me/bare at LOG_LEVEL=${v.logLevel.padEnd(5)} ${v.ratio.toFixed(2)}  (me ${v.me.rps.toFixed(0)} req/s vs bare ${v.bare.rps.toFixed(0)} req/s)` +
        `  target >= ${TARGET_RATIO}: ${pass(v.ratio >= TARGET_RATIO)}`,
    );
  }
  const summary = {
    bench: 'me-vs-bare',
    connections: CONNECTIONS,
    durationS: DURATION,
    warmupS: WARMUP,
    target: { ratio: TARGET_RATIO },
    pass: headline.ratio >= TARGET_RATIO,
    headlineLogLevel: headline.logLevel,
    variants,
  };
  line(`SUMMARY ${JSON.stringify(summary)}`);
  return summary;
}

async function runVariant(databaseUrl, secret, logLevel, withFloors) {
  line();
  line(`--- LOG_LEVEL=${logLevel} (server stdout -> /dev/null) ---`);
  const server = await startServer(databaseUrl, secret, logLevel);
  try {
    const meUrl = `http://127.0.0.1:${server.mePort}/api/v1/me`;
    const bareUrl = `http://127.0.0.1:${server.barePort}/bare`;
    const token = await signIn(`http://127.0.0.1:${server.mePort}`, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    // One request each, to fail fast with a readable message rather than a run full of non-2xx.
    for (const [url, h] of [[meUrl, headers], [bareUrl, {}]]) {
      const response = await fetch(url, { headers: h });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      await response.arrayBuffer().catch(() => undefined);
    }
    const me = await measure('me  ', meUrl, headers);
    const bare = await measure('bare', bareUrl, {});
    const ratio = me.rps / bare.rps;
    line(`ratio me/bare: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${pass(ratio >= TARGET_RATIO)})`);
    const result = { logLevel, me, bare, ratio: fixed(ratio, 3) };
    if (withFloors) {
      // Informational, to place the gap: the real app's middleware stack without auth or database
      // (/health/live: public, not request-logged), then with one database round trip (/health/ready).
      line('floors (informational, shorter runs):');
      const base = `http://127.0.0.1:${server.mePort}`;
      result.floors = {
        live: await measure('live', `${base}/health/live`, {}, FLOOR_DURATION),
        ready: await measure('rdy ', `${base}/health/ready`, {}, FLOOR_DURATION),
      };
    }
    return result;
  } finally {
    await server.stop();
  }
}

async function measure(label, url, headers, duration = DURATION) {
  if (WARMUP > 0) await load(url, headers, WARMUP);
  const r = await load(url, headers, duration);
  const figures = {
    rps: fixed(r.requests.total / duration, 1),
    rpsMean: fixed(r.requests.average, 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: fixed(r.latency.average, 2),
    maxMs: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  line(
    `${label} ${String(figures.rps.toFixed(0)).padStart(7)} req/s   p50 ${String(figures.p50Ms).padStart(4)} ms   p99 ${String(figures.p99Ms).padStart(4)} ms` +
      `   (${figures.requests} requests, non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts})  ${url}`,
  );
  if (figures.non2xx > 0 || figures.errors > 0) line(`  WARNING: ${label.trim()} had non-2xx answers or errors; its figures are not comparable`);
  return figures;
}

function load(url, headers, duration) {
  return autocannon({ url, headers, connections: CONNECTIONS, duration, pipelining: 1 });
}

/** Spawns me-vs-bare-server.js; resolves with its ports once both apps listen. */
function startServer(databaseUrl, secret, logLevel) {
  // stdout is /dev/null: pino writes every request line there.
  return spawnBenchServer('me-vs-bare-server.js', { env: { DATABASE_URL: databaseUrl, AUTH_SECRET: secret, LOG_LEVEL: logLevel } });
}
