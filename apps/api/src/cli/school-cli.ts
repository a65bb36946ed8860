import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CreateSchool, ListSchools } from '@cadenza/server/identity/domain';
import { environmentFromProcess } from '@cadenza/server/platform/config';
import { isDomainError } from '@cadenza/shared/kernel';
import { appModule } from '../app.module.js';
import { inSchool } from '@cadenza/server/demo';
import { resolveRuntime } from '../runtime.js';

const USAGE = `Usage:
  npm run school -- list
  npm run school -- create --name NAME --time-zone ZONE --currency CODE --locale TAG
                           --admin-email EMAIL --admin-name NAME --admin-password PASSWORD [--slug SLUG]`;

/** Operators' tool: create a school with its first admin, list schools. */
async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'list' && command !== 'create') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'time-zone': { type: 'string' },
      currency: { type: 'string' },
      locale: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-password': { type: 'string' },
    },
  });
  const runtime = await resolveRuntime(environmentFromProcess(), { printMail: false });
  const app = await NestFactory.createApplicationContext(appModule(runtime.config, runtime.databaseUrl), { logger: false });
  try {
    if (command === 'list') {
      const schools = await inSchool(app, null, () => app.get(ListSchools).execute());
      for (const school of schools) {
        const s = school.snapshot();
        process.stdout.write(`${s.id}  ${s.slug.padEnd(20)} ${s.name}  (${s.timeZone}, ${s.currency}, ${s.locale})\n`);
      }
      if (schools.length === 0) process.stdout.write('No schools yet.\n');
      return 0;
    }
    const missing = ['name', 'time-zone', 'currency', 'locale', 'admin-email', 'admin-name', 'admin-password'].filter((k) => !values[k as keyof typeof values]);
    if (missing.length) {
      process.stderr.write(`Missing: ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}\n`);
      return 2;
    }
    const value = (key: keyof typeof values) => String(values[key] ?? '');
    const { school, admin } = await inSchool(app, null, () =>
      app.get(CreateSchool).execute({
        name: value('name'),
        slug: values.slug,
        timeZone: value('time-zone'),
        currency: value('currency'),
        locale: value('locale'),
        admin: { email: value('admin-email'), name: value('admin-name'), password: value('admin-password') },
      }),
    );
    process.stdout.write(`Created school ${school.name} (${school.id}) with admin ${admin.email}.\n`);
    return 0;
  } catch (error) {
    if (isDomainError(error)) {
      const fields = error.details.fields?.map((f) => ` ${f.field}: ${f.message}`).join(';') ?? '';
      process.stderr.write(`${error.message}${fields ? ` (${fields.trim()})` : ''}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
    await runtime.stop();
  }
}

// Exit explicitly: closing the application context can leave the event loop's exit code untouched.
process.exit(await main());
