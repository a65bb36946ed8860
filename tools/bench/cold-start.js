// cold-start: the embedded default, from `node dist/server/apps/api/src/main.js` to GET /health/ready = 200.
//
//   1. cold: fresh temporary CADENZA_DATA_DIR: initdb + start embedded PostgreSQL, migrate, seed the demo school;
//   2. idle ~5 s, read resident memory: the node process (VmRSS, and Pss) and the embedded PostgreSQL processes
//      (its children), then SIGTERM and time the shutdown;
//   3. warm: the same data directory again (PostgreSQL start, nothing to migrate or seed), idle, memory, SIGTERM.
// Targets: cold start < 15 s; api (node) RSS at idle < 300 MB. Every process started here is stopped at the end,
// even on failure: the node process, then, if it is still up, the PostgreSQL postmaster named in postmaster.pid.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HOST,
  MAIN_JS,
  ROOT,
  alive,
  cmdlineOf,
  descendantsOf,
  fixed,
  freePort,
  heading,
  line,
  mb,
  memoryOf,
  onCleanup,
  pass,
  sleep,
  waitForExit,
  waitForStatus,
} from './lib/util.js';

const TARGET_COLD_S = 15;
const TARGET_RSS_MB = 300;
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5000);
const START_TIMEOUT_MS = 90_000;

export async function run() {
  heading('cold-start: embedded PostgreSQL, spawn -> /health/ready 200, then idle memory');
  const dataDir = mkdtempSync(join(tmpdir(), 'cadenza_bench_cold-'));
  // The embedded PostgreSQL refuses to run as root: when we are root it runs as the `postgres` user,
  // which must be able to enter the data directory (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  line(`data dir: ${dataDir} (removed afterwards); api port ${port}, embedded PostgreSQL port ${pgPort}`);
  const stopAll = () => cleanup(dataDir);
  const unregister = onCleanup(stopAll);
  const phases = [];
  try {
    for (const phase of ['cold', 'warm']) {
      phases.push(await startMeasureStop(phase, dataDir, port, pgPort));
    }
  } finally {
    await stopAll();
    unregister();
  }
  const [cold, warm] = phases;
  const maxApiRssMb = Math.max(...phases.map((p) => p.memory.apiRssMb));
  const coldOk = cold.readyS < TARGET_COLD_S;
  const rssOk = maxApiRssMb < TARGET_RSS_MB;
  line();
  line(`cold start ${cold.readyS.toFixed(2)} s (target < ${TARGET_COLD_S} s): ${pass(coldOk)}`);
  line(`warm start ${warm.readyS.toFixed(2)} s`);
  line(`api RSS at idle ${maxApiRssMb.toFixed(1)} MB (largest of cold/warm; target < ${TARGET_RSS_MB} MB): ${pass(rssOk)}`);
  line(`embedded PostgreSQL at idle (warm): RSS ${warm.memory.postgresRssMb.toFixed(1)} MB summed over ${warm.memory.postgresProcesses} processes, PSS ${warm.memory.postgresPssMb?.toFixed(1) ?? 'n/a'} MB`);
  const summary = {
    bench: 'cold-start',
    target: { coldStartS: TARGET_COLD_S, apiRssMb: TARGET_RSS_MB },
    pass: coldOk && rssOk,
    coldStartPass: coldOk,
    rssPass: rssOk,
    phases,
  };
  line(`SUMMARY ${JSON.stringify(summary)}`);
  return summary;
}

async function startMeasureStop(phase, dataDir, port, pgPort) {
  line();
  line(`--- ${phase} start ---`);
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST,
      PORT: String(port),
      CADENZA_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      // Empty is the same as unset: the embedded default, generated secret, local mail capture, no Redis.
      DATABASE_URL: '',
      AUTH_SECRET: '',
      SMTP_URL: '',
      REDIS_URL: '',
      PUBLIC_URL: '',
      CADENZA_DEMO: '1',
      LOG_LEVEL: 'info',
    },
  });
  current = child;
  let output = '';
  let reportedS = null;
  let exited = null;
  child.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    const ready = /Cadenza is ready in ([\d.]+) s/.exec(text);
    if (ready) reportedS = Number(ready[1]);
    output = (output + text.split('\n').filter((l) => !l.startsWith('{')).join('\n')).slice(-4000);
  });
  child.stderr.on('data', (chunk) => {
    output = (output + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const waitedMs = await waitForStatus(`http://${HOST}:${port}/health/ready`, {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 25,
    abort: () => (exited ? `the api exited during start (code ${exited.code}, signal ${exited.signal}):\n${output}` : null),
  }).catch((error) => {
    throw new Error(`${phase} start: ${error.message}\n${output}`);
  });
  const readyS = (performance.now() - started) / 1000;
  line(`${phase} start: /health/ready 200 after ${readyS.toFixed(2)} s (the api's own "ready in" figure: ${reportedS ?? 'n/a'} s; polled for ${(waitedMs / 1000).toFixed(2)} s)`);

  await sleep(IDLE_MS);
  const memory = measureMemory(child.pid, dataDir);
  line(
    `${phase} idle (${IDLE_MS / 1000} s): api node pid ${child.pid} RSS ${mb(memory.api?.rssKb)} (PSS ${mb(memory.api?.pssKb)}); ` +
      `embedded PostgreSQL ${memory.postgres.length} processes RSS ${mb(memory.postgresRssKb)} (PSS ${mb(memory.postgresPssKb)})`,
  );

  const stopStarted = performance.now();
  child.kill('SIGTERM');
  const stopped = await waitForExit(child.pid, 20_000);
  const stopS = (performance.now() - stopStarted) / 1000;
  if (!stopped) throw new Error(`${phase}: the api did not exit within 20 s of SIGTERM`);
  await sleep(50);
  const leftover = postmasterOf(dataDir);
  line(`${phase} stop: SIGTERM -> exit in ${stopS.toFixed(2)} s (code ${exited?.code}, signal ${exited?.signal})${leftover ? `; WARNING: PostgreSQL ${leftover} still running` : '; PostgreSQL stopped too'}`);
  if (leftover) await stopPostmaster(leftover);
  current = null;
  return {
    phase,
    readyS: fixed(readyS, 3),
    reportedReadyS: reportedS,
    stopS: fixed(stopS, 3),
    exitCode: exited?.code ?? null,
    postgresLeftRunning: Boolean(leftover),
    memory: {
      apiRssMb: fixed((memory.api?.rssKb ?? NaN) / 1024),
      apiPssMb: fixed((memory.api?.pssKb ?? NaN) / 1024),
      postgresProcesses: memory.postgres.length,
      postgresRssMb: fixed(memory.postgresRssKb / 1024),
      postgresPssMb: fixed(memory.postgresPssKb / 1024),
    },
  };
}

/** The node process and every PostgreSQL process under it (postmaster and its backends/workers). */
function measureMemory(pid, dataDir) {
  const api = memoryOf(pid);
  const postgres = descendantsOf(pid)
    .map((p) => ({ pid: p, cmd: cmdlineOf(p), mem: memoryOf(p) }))
    .filter((p) => p.mem && (p.cmd.includes('postgres') || p.cmd.includes(dataDir)));
  const sum = (key) => postgres.reduce((total, p) => total + (p.mem[key] ?? 0), 0);
  return { api, postgres, postgresRssKb: sum('rssKb'), postgresPssKb: sum('pssKb') };
}

let current = null;

/** The running postmaster's pid for this data dir, if any (from postmaster.pid, checked against /proc). */
function postmasterOf(dataDir) {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return pid > 0 && alive(pid) && cmdlineOf(pid).includes(dataDir) ? pid : null;
}

async function stopPostmaster(pid) {
  process.kill(pid, 'SIGINT'); // fast shutdown
  if (!(await waitForExit(pid, 10_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 2000);
  }
}

/** Stops whatever this benchmark started and removes the data dir. Safe to call more than once. */
async function cleanup(dataDir) {
  const child = current;
  current = null;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child.pid, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child.pid, 2000);
    }
  }
  const postmaster = postmasterOf(dataDir);
  if (postmaster) await stopPostmaster(postmaster).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
