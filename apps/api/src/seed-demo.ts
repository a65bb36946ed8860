import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { seedDemoSchool } from '@cadenza/server/demo';
import { environmentFromProcess } from '@cadenza/server/platform/config';
import { appModule } from './app.module.js';
import { resolveRuntime } from './runtime.js';

/**
 * The demo seeding step, run by the api's start as a child process on its database and mail (its arguments), so the
 * server never holds the seeding's memory. Drives the use cases without anything that runs by itself (no relay,
 * jobs or cron: the server handles the seeded events), tells its parent whether it seeded, and exits.
 */
const [databaseUrl, smtpUrl] = process.argv.slice(2);
const runtime = await resolveRuntime({ ...environmentFromProcess(), DATABASE_URL: databaseUrl, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) }, { printMail: false });
const app = await NestFactory.createApplicationContext(appModule(runtime.config, runtime.databaseUrl, { background: false }), { logger: false });
let code = 0;
try {
  const { seeded } = await seedDemoSchool(app);
  process.send?.({ seeded });
} catch (error) {
  process.stderr.write(`The demo school could not be seeded: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  code = 1;
} finally {
  await app.close();
  await runtime.stop();
}
process.exit(code);
