import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { ConfigError, environmentFromProcess } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { DEMO_PASSWORD, seedDemoSchool } from './demo/demo-school.js';
import { releaseFirstStartMemory } from './first-start-memory.js';
import { createHttpApp } from './http-app.js';
import { persistence } from '@cadenza/server/bridges';
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

  const demo = config.demo.seed && env.NODE_ENV !== 'production' ? await seedDemoSchool(app) : null;
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
    void releaseFirstStartMemory(app).catch((error: unknown) => process.stderr.write(`Could not hand back the seeding's memory: ${error instanceof Error ? error.message : String(error)}\n`));
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Cadenza cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(`Cadenza failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
