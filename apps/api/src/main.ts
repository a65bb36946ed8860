import 'reflect-metadata';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ProcessLifecycle } from '@cadenza/server/platform/background';
import { ConfigError, environmentFromProcess, type Environment } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { persistence } from '@cadenza/server/bridges';
import { DEMO_PASSWORD, demoLogins } from '@cadenza/server/demo';
import { releaseFirstStartMemory } from './first-start-memory.js';
import { createHttpApp, stopHttpApp } from './http-app.js';
import { resolveRuntime } from './runtime.js';

/**
 * Starts the api. In the embedded default (no DATABASE_URL) it also starts
 * PostgreSQL, applies migrations and seeds the demo school on first run; with a
 * DATABASE_URL, migrations are an explicit step (`nx run api:migrate`).
 *
 * A stop signal (SIGTERM, SIGINT, SIGHUP) stops it in order, at any moment, start-up included: the server
 * stops taking requests and lets those in flight finish, the background jobs stop and are awaited, sockets
 * and the database pool close, then the embedded database and the mail capture stop; it exits 0, or 1 if
 * that took longer than SHUTDOWN_TIMEOUT_SECONDS (it exits then anyway) or a part failed to stop.
 */
function main(): void {
  const started = performance.now();
  const env = environmentFromProcess();
  const deadlineMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const life = new ProcessLifecycle({ name: 'Cadenza', deadlineMs, write: (line) => process.stdout.write(`\n${line}\n`) }).handleSignals();
  process.stdout.write('Cadenza is starting…\n');
  life.run(() => start(env, life, started, deadlineMs), reportFailure);
}

async function start(env: Environment, life: ProcessLifecycle, started: number, deadlineMs: number): Promise<void> {
  const runtime = await resolveRuntime(env, { started: (name, stop) => life.started(name, stop) });
  const { config } = runtime;
  life.checkpoint();
  if (runtime.embedded) {
    await migrate(runtime.databaseUrl, persistence);
    life.checkpoint();
  }
  // The demo school is seeded by a child process while the server starts: the seeding's memory leaves with it.
  const seeding = config.demo.seed && env.NODE_ENV !== 'production' ? seedDemoInChild(runtime.databaseUrl, config.mail.smtpUrl, life) : null;
  // Awaited below; a failure meanwhile (a stop ends the child) must not count as unhandled.
  seeding?.catch(() => undefined);
  const app = await createHttpApp(config, runtime.databaseUrl);
  // Requests in flight get half the deadline to finish; the rest is for the jobs, the pools and the database.
  life.started('the server', () => stopHttpApp(app, deadlineMs / 2));
  life.checkpoint();

  const demo = seeding ? { seeded: await seeding, logins: demoLogins() } : null;
  life.checkpoint();
  await app.listen(config.http.port, config.http.host);
  life.checkpoint();
  const url = config.http.publicUrl;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Cadenza is ready in ${seconds} s${runtime.embedded ? ` (embedded PostgreSQL, data in ${config.database.dataDir})` : ''}.`,
    `  Student and parent portal  ${url}/`,
    `  Staff console              ${url}/console/`,
    `  API docs                   ${url}/api/docs`,
  ];
  if (demo) {
    lines.push('', `Demo logins (password "${DEMO_PASSWORD}")${demo.seeded ? ', just seeded' : ''}:`);
    lines.push(...demo.logins.map((l) => `  ${l.role.padEnd(26)} ${l.email}`));
  }
  if (runtime.mailCapture) {
    lines.push('', 'No SMTP_URL is set: mail is captured locally and its links are printed here.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  if (demo?.seeded) {
    void releaseFirstStartMemory(app).catch((error: unknown) => {
      // A stop meanwhile closes the pool under it: nothing to report.
      if (!life.stopRequested) process.stderr.write(`Could not hand back the first start's memory: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  }
}

/**
 * Runs `seed-demo.js` on the server's database and mail; whether it seeded (false: the school was there already).
 * A stop meanwhile ends the child first, before the database it writes to.
 */
function seedDemoInChild(databaseUrl: string, smtpUrl: string | null, life: ProcessLifecycle): Promise<boolean> {
  const child = fork(new URL('./seed-demo.js', import.meta.url), [databaseUrl, ...(smtpUrl ? [smtpUrl] : [])], { stdio: 'inherit' });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  life.started('the demo seeding', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  return new Promise((resolvePromise, reject) => {
    let seeded: boolean | null = null;
    child.on('message', (message: { seeded?: boolean }) => (seeded = message.seeded === true));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && seeded !== null ? resolvePromise(seeded) : reject(new Error(`the demo seeding step exited with code ${code}`))));
  });
}

function reportFailure(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`Cadenza cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(`Cadenza failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

try {
  main();
} catch (error) {
  reportFailure(error);
  process.exit(1);
}
