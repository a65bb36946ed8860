import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, buildConfig, environmentFromProcess } from '@cadenza/server/platform/config';
import { workerModule } from './worker.module.js';

/**
 * The worker: a NestJS application context without an HTTP server that runs the background
 * jobs (the notifications' outbox consumer, the Bull processor of deliveries, the reminder
 * sweep). Needs DATABASE_URL (migrated by `nx run api:migrate`); with REDIS_URL it takes jobs
 * from Bull, without it the sweep delivers. Any number of workers may run at once.
 */
async function main(): Promise<void> {
  const env = environmentFromProcess();
  if (!env.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', message: 'is required by the worker (the embedded default runs the jobs in the api)' }]);
  // The worker signs no tokens; the configuration still wants a secret.
  const config = buildConfig(env, randomBytes(48).toString('base64url'));
  const app = await NestFactory.createApplicationContext(workerModule(config, env.DATABASE_URL), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Cadenza worker is stopping (${signal})…\n`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.init();
  process.stdout.write('Cadenza worker is running.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `Cadenza worker cannot start. ${error.message}\n` : `Cadenza worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
