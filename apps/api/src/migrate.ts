import 'reflect-metadata';
import { environmentFromProcess } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { persistence } from '@cadenza/server/bridges';
import { resolveRuntime } from './runtime.js';

/** `nx run api:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
const runtime = await resolveRuntime(environmentFromProcess(), { printMail: false });
try {
  const applied = await migrate(runtime.databaseUrl, persistence);
  process.stdout.write(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}\n` : 'The schema is up to date.\n');
} finally {
  await runtime.stop();
}
