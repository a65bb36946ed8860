import 'reflect-metadata';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ConfigError, environmentFromProcess } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { persistence } from '@cadenza/server/bridges';
import { DEMO_PASSWORD, demoLogins } from '@cadenza/server/demo';
import { releaseFirstStartMemory } from './first-start-memory.js';
import { createHttpApp } from './http-app.js';
import { resolveRuntime } from './runtime.js';

/**
 * Starts the api. In the embedded default (no DATABASE_URL) it also starts
 * PostgreSQL, applies migrations and seeds the demo school on first run; with a
 * DATABASE_URL, migrations are an explicit step (`nx run api:migrate`).
 */
async function main(): Promise<void> {
  const started = performance.now();
  const env = environmentFromProcess();
  const runtime = await resolveRuntime(env);
  const { config } = runtime;
  if (runtime.embedded) {
    await migrate(runtime.databaseUrl, persistence);
  }
  // The demo school is seeded by a child process while the server starts: the seeding's memory leaves with it.
  const seeding = config.demo.seed && env.NODE_ENV !== 'production' ? seedDemoInChild(runtime.databaseUrl, config.mail.smtpUrl) : null;
  const app = await createHttpApp(config, runtime.databaseUrl);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stdout.write(`\nCadenza is stopping (${signal})…\n`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const demo = seeding ? { seeded: await seeding, logins: demoLogins() } : null;
  await app.listen(config.http.port, config.http.host);
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
    void releaseFirstStartMemory(app).catch((error: unknown) => process.stderr.write(`Could not hand back the first start's memory: ${error instanceof Error ? error.message : String(error)}\n`));
  }
}

/** Runs `seed-demo.js` on the server's database and mail; whether it seeded (false: the school was there already). */
function seedDemoInChild(databaseUrl: string, smtpUrl: string | null): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(new URL('./seed-demo.js', import.meta.url), [databaseUrl, ...(smtpUrl ? [smtpUrl] : [])], { stdio: 'inherit' });
    let seeded: boolean | null = null;
    child.on('message', (message: { seeded?: boolean }) => (seeded = message.seeded === true));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && seeded !== null ? resolvePromise(seeded) : reject(new Error(`the demo seeding step exited with code ${code}`))));
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Cadenza cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(`Cadenza failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
