import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ProcessLifecycle } from '@cadenza/server/platform/background';
import { ConfigError, buildConfig, environmentFromProcess, type Environment } from '@cadenza/server/platform/config';
import { workerModule } from './worker.module.js';

/**
 * The worker: a NestJS application context without an HTTP server that runs the background
 * jobs (the notifications' outbox consumer, the Bull processor of deliveries, the reminder
 * sweep). Needs DATABASE_URL (migrated by `nx run api:migrate`); with REDIS_URL it takes jobs
 * from Bull, without it the sweep delivers. Any number of workers may run at once.
 *
 * A stop signal (SIGTERM, SIGINT, SIGHUP), at any moment, start-up included, stops taking work
 * (the loops and the Bull processor), awaits the work in flight, then closes the queue's and the
 * database's connections; it exits 0, or 1 past SHUTDOWN_TIMEOUT_SECONDS (exiting then anyway: every
 * send is safe to cut short, see docs/notifications.md) or when a part failed to stop.
 */
function main(): void {
  const env = environmentFromProcess();
  if (!env.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', message: 'is required by the worker (the embedded default runs the jobs in the api)' }]);
  const life = new ProcessLifecycle({ name: 'Cadenza worker', deadlineMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000, write: (line) => process.stdout.write(`${line}\n`) }).handleSignals();
  process.stdout.write('Cadenza worker is starting…\n');
  life.run(() => start(env, env.DATABASE_URL as string, life), reportFailure);
}

async function start(env: Environment, databaseUrl: string, life: ProcessLifecycle): Promise<void> {
  // The worker signs no tokens; the configuration still wants a secret.
  const config = buildConfig(env, randomBytes(48).toString('base64url'));
  const app = await NestFactory.createApplicationContext(workerModule(config, databaseUrl), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  life.started('the jobs', () => app.close());
  life.checkpoint();
  await app.init();
  life.checkpoint();
  process.stdout.write('Cadenza worker is running.\n');
}

function reportFailure(error: unknown): void {
  process.stderr.write(
    error instanceof ConfigError ? `Cadenza worker cannot start. ${error.message}\n` : `Cadenza worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

try {
  main();
} catch (error) {
  reportFailure(error);
  process.exit(1);
}
