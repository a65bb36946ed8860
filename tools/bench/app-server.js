// The server side of the scheduling benchmarks (booking-race, week-calendar, free-slots), run as a child process
// by lib/app.js (not meant to be run by hand).
//
// The real Cadenza app (createHttpApp: helmet, cookie-parser, pino request logs, global access guard, request
// context, MikroORM unit of work…) on DATABASE_URL (already migrated by the parent), with the demo school seeded,
// listening on an ephemeral port on 127.0.0.1, sent to the parent over IPC. The parent sends stdout to /dev/null.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { serveUntilStopped } from './lib/server-child.js';
import { dist } from './lib/util.js';

const { environmentFromProcess } = await dist('libs/server/platform/config/src/index.js');
const { createHttpApp } = await dist('apps/api/src/http-app.js');
const { seedDemoSchool } = await dist('libs/server/demo/src/index.js');
const { resolveRuntime } = await dist('apps/api/src/runtime.js');

const HOST = '127.0.0.1';
const closers = [];

async function main() {
  // DATABASE_URL, AUTH_SECRET, LOG_LEVEL, DATABASE_POOL_MAX come from the parent; the rest are the defaults.
  const runtime = await resolveRuntime(environmentFromProcess({ HOST, PORT: '0' }), { printMail: false });
  closers.push(() => runtime.stop());
  const app = await createHttpApp(runtime.config, runtime.databaseUrl);
  closers.unshift(() => app.close());
  await seedDemoSchool(app);
  if (process.env.BENCH_HEAP_PROF) await sampleAllocations(process.env.BENCH_HEAP_PROF);
  if (process.env.BENCH_SERVER_LOOP) reportEventLoop(Number(process.env.BENCH_SERVER_LOOP));
  await app.listen(0, HOST);
  process.send({
    ready: true,
    port: app.getHttpServer().address().port,
    logLevel: runtime.config.log.level,
    poolMax: runtime.config.database.poolMax,
  });
}

/**
 * BENCH_HEAP_PROF=<dir>: V8's sampling heap profiler (one sample per 32 KiB allocated) from here to the stop, into
 * <dir>/alloc-<pid>.heapprofile (Chrome DevTools, Memory). It keeps every sampled allocation, collected since or not,
 * so it shows what requests allocate and drop; Node's --heap-prof keeps only what is alive at exit.
 * BENCH_HEAP_PROF_MINOR=0: only what outlived a young-generation collection (what the scavenger had to copy).
 */
async function sampleAllocations(dir) {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.BENCH_HEAP_PROF_MINOR !== '0' });
  closers.unshift(async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `alloc-${process.pid}.heapprofile`), JSON.stringify(profile));
    session.disconnect();
  });
}

/**
 * BENCH_SERVER_LOOP=<ms>: every <ms>, one JSON line on stdout (where the request log goes: BENCH_SERVER_LOG) with the
 * event loop's delay over that interval, to tell a server that was busy from one that was waiting.
 */
function reportEventLoop(everyMs) {
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const timer = setInterval(() => {
    process.stdout.write(`${JSON.stringify({ eventLoop: { time: Date.now(), p50Ms: delay.percentile(50) / 1e6, p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 } })}\n`);
    delay.reset();
  }, everyMs);
  timer.unref();
}

serveUntilStopped('bench app server', closers, main);
