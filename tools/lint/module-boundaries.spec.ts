// Proves each boundary rule in eslint.config.js bites: a forbidden import (or call), written as
// if it were a file of a real project with the right tags, fails lint with that rule's error,
// and the allowed counterpart passes. One ESLint instance lints every case from text, so no
// file is left behind; the project graph the Nx rule reads is built once before.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readCachedProjectGraph } from '@nx/devkit';
import { ESLint } from 'eslint';

const root = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(async () => {
  execFileSync(resolve(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } });
  eslint = new ESLint({ cwd: root });
  // The first lint loads the config and its plugins: do it here, so each case only lints.
  await eslint.lintText('export {};\n', { filePath: resolve(root, 'libs/shared/kernel/src/lib/warm-up.ts') });
}, 120_000);

/** The problems lint reports for `source` as if it were the file at `filePath`, as "rule: message". */
async function lint(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(root, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const nxRule = '@nx/enforce-module-boundaries';
const importsRule = 'no-restricted-imports';
const syntaxRule = 'no-restricted-syntax';

// Scheduling's domain: tagged scope:scheduling type:domain platform:server.
const domainFile = 'libs/server/scheduling/domain/src/use-cases/forbidden.ts';

describe('domain libraries import only an allow-list', () => {
  it.each(['kysely', 'jsonwebtoken', 'nestjs-pino', '@mikro-orm/core', '@nestjs/common'])('refuses %s by tag (Nx allowedExternalImports)', async (pkg) => {
    const problems = await lint(domainFile, `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(problems).toContain(`${nxRule}: A project tagged with "type:domain" is not allowed to import "${pkg}"`);
  });

  it.each(['node:fs', 'fs', 'node:crypto', 'bullmq', 'kysely'])('refuses %s by file (Node modules and uninstalled packages too)', async (pkg) => {
    const problems = await lint(domainFile, `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(problems.join('\n')).toMatch(new RegExp(`${importsRule}: '${pkg}' import is restricted .*Domain code is pure`));
  });

  it('covers every library tagged type:domain, the integration events too', async () => {
    const problems = await lint('libs/shared/integration-events/src/lib/forbidden.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(problems.join('\n')).toMatch(new RegExp(`${importsRule}: 'node:fs' import is restricted .*Domain code is pure`));
  });

  it('refuses a dynamic import', async () => {
    const problems = await lint(domainFile, "export const load = () => import('./other');\n");
    expect(problems.join('\n')).toMatch(new RegExp(`${syntaxRule}: Domain code imports statically`));
  });

  it('refuses a library that is not domain or util (infrastructure)', async () => {
    const problems = await lint(domainFile, "import { a } from '@cadenza/server/platform/db';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:domain" can only depend on libs tagged with "type:domain", "type:util"`);
  });

  it('refuses the framework in the kernel too', async () => {
    const problems = await lint('libs/shared/kernel/src/lib/forbidden.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:domain" is not allowed to import "@nestjs/common"`);
  });

  it('accepts the pure packages, the kernel and its own files', async () => {
    const source = [
      "import { rrulestr } from 'rrule';",
      "import { Temporal } from 'temporal-polyfill';",
      "import { DomainError } from '@cadenza/shared/kernel';",
      "import { Lesson } from '../model/lesson';",
      'export const x = [rrulestr, Temporal, DomainError, Lesson];',
      '',
    ].join('\n');
    expect(await lint(domainFile, source)).toEqual([]);
  });

  it('accepts fast-check in domain specs and AsyncLocalStorage in its in-memory fakes', async () => {
    expect(await lint('libs/server/scheduling/domain/src/use-cases/forbidden.spec.ts', "import fc from 'fast-check';\nexport const x = fc;\n")).toEqual([]);
    expect(await lint('libs/server/scheduling/domain/src/testing/forbidden.ts', "import { AsyncLocalStorage } from 'node:async_hooks';\nexport const x = AsyncLocalStorage;\n")).toEqual([]);
  });

  it('keeps fast-check out of production domain code', async () => {
    const problems = await lint(domainFile, "import fc from 'fast-check';\nexport const x = fc;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:domain" is not allowed to import "fast-check"`);
  });
});

describe('domain code takes time from the Clock port', () => {
  it.each(['Date.now()', 'new Date()', 'Date()', 'performance.now()', 'globalThis.performance.now()', 'globalThis.Date.now()', 'new globalThis.Date()'])('refuses %s', async (call) => {
    const problems = await lint(domainFile, `export const now = () => ${call};\n`);
    expect(problems).toContain(`${syntaxRule}: Use the Clock port.`);
  });

  it.each(['process.hrtime.bigint()', "process.exit(1)", "console.log('now')"])('refuses %s (the process and the console)', async (call) => {
    const problems = await lint(domainFile, `export const act = () => ${call};\n`);
    expect(problems).toContain(`${syntaxRule}: Domain code does not touch the process or the console.`);
  });

  it('accepts a date built from a given instant', async () => {
    expect(await lint(domainFile, 'export const at = (ms: number) => new Date(ms);\n')).toEqual([]);
  });
});

describe('contracts, shared with the browser, import only zod', () => {
  const contractFile = 'libs/shared/contracts/src/lib/forbidden.ts';

  it.each(['@nestjs/common', 'rxjs', 'kysely'])('refuses %s by tag', async (pkg) => {
    const problems = await lint(contractFile, `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(problems).toContain(`${nxRule}: A project tagged with "type:contract" is not allowed to import "${pkg}"`);
  });

  it.each(['node:crypto', 'bullmq'])('refuses %s by file', async (pkg) => {
    const problems = await lint(contractFile, `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(problems.join('\n')).toMatch(new RegExp(`${importsRule}: '${pkg}' import is restricted .*Contracts are shared with the browser`));
  });

  it('accepts zod and the kernel', async () => {
    expect(await lint(contractFile, "import { z } from 'zod';\nimport { DomainError } from '@cadenza/shared/kernel';\nexport const x = [z, DomainError];\n")).toEqual([]);
  });
});

describe('layers and contexts', () => {
  it('refuses an api library in an adapter', async () => {
    const problems = await lint('libs/server/scheduling/infra-mikro-orm/src/lib/forbidden.ts', "import { a } from '@cadenza/server/scheduling/api';\nexport const x = a;\n");
    expect(problems.join('\n')).toMatch(/type:adapter" can only depend on libs tagged with "type:domain", "type:adapter"/);
  });

  it("refuses another adapter in a context's adapter", async () => {
    const problems = await lint('libs/server/messaging/infra-bull/src/lib/forbidden.ts', "import { a } from '@cadenza/server/messaging/infra-mikro-orm';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:adapter" and "scope:messaging" can only depend on libs tagged with "type:domain", "type:platform", "type:contract", "type:util"`);
  });

  it('refuses an api library in the adapters that join contexts (bridges)', async () => {
    const problems = await lint('libs/server/bridges/src/lib/forbidden.ts', "import { a } from '@cadenza/server/messaging/api';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:bridge" can only depend on libs tagged with "type:domain", "type:adapter", "type:platform", "type:contract", "type:util"`);
  });

  it("accepts several contexts' domain and adapter libraries in the bridges", async () => {
    const source = [
      "import { a } from '@cadenza/server/identity/infra-mikro-orm';",
      "import { b } from '@cadenza/server/scheduling/domain';",
      "import { c } from '@cadenza/server/messaging/infra-mikro-orm';",
      'export const x = [a, b, c];',
      '',
    ].join('\n');
    expect(await lint('libs/server/bridges/src/lib/forbidden.ts', source)).toEqual([]);
  });

  it('refuses the bridges in a context', async () => {
    const problems = await lint('libs/server/audit/api/src/lib/forbidden.ts', "import { a } from '@cadenza/server/bridges';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "type:api" can only depend on libs tagged with "type:domain", "type:platform", "type:contract", "type:util"`);
  });

  it('refuses another context', async () => {
    const problems = await lint('libs/server/messaging/domain/src/forbidden.ts', "import { a } from '@cadenza/server/scheduling/domain';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "scope:messaging" can only depend on libs tagged with "scope:messaging", "scope:shared", "scope:platform"`);
  });

  it('refuses a server library in the browser', async () => {
    const problems = await lint('libs/web/scheduling/data-access/src/lib/forbidden.ts', "import { a } from '@cadenza/server/scheduling/domain';\nexport const x = a;\n");
    expect(problems.join('\n')).toMatch(/"platform:web" can only depend on libs tagged with "platform:web", "platform:shared"/);
  });

  it.each(['@aws-sdk/client-s3', 's3rver'])('refuses the object-storage package %s in the browser', async (pkg) => {
    const problems = await lint('libs/web/messaging/data-access/src/lib/forbidden.ts', `import * as m from '${pkg}';\nexport const x = m;\n`);
    expect(problems).toContain(`${nxRule}: A project tagged with "platform:web" is not allowed to import "${pkg}"`);
  });
});

describe('audiences: the family portal never ships a staff screen', () => {
  it("refuses a staff console feature in the family portal's app", async () => {
    const problems = await lint('apps/portal/src/app/forbidden.ts', "import { a } from '@cadenza/web/scheduling/feature-console';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "audience:family" can only depend on libs tagged with "audience:family", "audience:any", "platform:shared"`);
  });

  it('refuses the safeguarding feature in the portal, also loaded lazily', async () => {
    const problems = await lint('apps/portal/src/app/forbidden.ts', "export const routes = () => import('@cadenza/web/messaging/feature-safeguarding');\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "audience:family" can only depend on libs tagged with "audience:family", "audience:any", "platform:shared"`);
  });

  it('refuses a staff-only feature in a feature both apps use', async () => {
    const problems = await lint('libs/web/identity/feature-home/src/lib/forbidden.ts', "import { a } from '@cadenza/web/identity/feature-people';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "audience:any" can only depend on libs tagged with "audience:any", "platform:shared"`);
  });

  it('refuses the safeguarding feature in the route list both apps share', async () => {
    const problems = await lint('libs/web/shared/app-routes/src/lib/forbidden.ts', "export const routes = () => import('@cadenza/web/messaging/feature-safeguarding');\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "audience:any" can only depend on libs tagged with "audience:any", "platform:shared"`);
  });

  it("refuses a family-only feature in the staff console's app", async () => {
    const problems = await lint('apps/console/src/app/forbidden.ts', "import { a } from '@cadenza/web/scheduling/feature-portal';\nexport const x = a;\n");
    expect(problems).toContain(`${nxRule}: A project tagged with "audience:staff" can only depend on libs tagged with "audience:staff", "audience:any", "platform:shared"`);
  });

  it('accepts shared and family features in the portal', async () => {
    const source = "export const routes = [() => import('@cadenza/web/scheduling/feature-portal'), () => import('@cadenza/web/messaging/feature-inbox')];\n";
    expect(await lint('apps/portal/src/app/forbidden.ts', source)).toEqual([]);
  });
});

describe('test code stays out of production code', () => {
  it.each([
    ['apps/api/src/forbidden.ts', '@cadenza/server/scheduling/domain/testing'],
    ['libs/server/messaging/api/src/lib/forbidden.ts', '@cadenza/server/messaging/domain/testing'],
    ['libs/web/messaging/feature-inbox/src/lib/forbidden.ts', '@cadenza/web/messaging/data-access/testing'],
    ['apps/worker/src/forbidden.ts', '@cadenza/server/testing'],
    ['libs/server/scheduling/domain/src/use-cases/forbidden.ts', '../testing/in-memory'],
  ])('refuses in %s an import of %s', async (file, specifier) => {
    const problems = await lint(file, `import { a } from '${specifier}';\nexport const x = a;\n`);
    expect(problems).toContain(`${importsRule}: '${specifier}' import is restricted from being used by a pattern. Fakes, builders and test harnesses are for specs only.`);
  });

  it.each([
    'libs/server/messaging/api/src/lib/forbidden.spec.ts',
    'libs/server/messaging/infra-mikro-orm/src/lib/forbidden.integration.spec.ts',
    'apps/api-e2e/src/forbidden.ts',
    'libs/server/testing/src/lib/forbidden.ts',
    'libs/server/reporting/domain/src/testing/forbidden.ts',
  ])('accepts the fakes in %s', async (file) => {
    expect(await lint(file, "import { a } from '@cadenza/server/messaging/domain/testing';\nexport const x = a;\n")).not.toContainEqual(expect.stringMatching(importsRule));
  });
});

describe('hand-shaped SQL goes through the one mechanism that binds it to the school', () => {
  const sent = 'Declare the statement with schoolScoped';
  it.each([
    ['libs/server/scheduling/infra-mikro-orm/src/lib/forbidden.ts', "this.em.execute('select * from lessons')"],
    ['libs/server/identity/infra-mikro-orm/src/lib/forbidden.ts', "this.em.getConnection().execute('select * from users', [], 'all')"],
    ['libs/server/bridges/src/lib/reporting/forbidden.ts', "this.em.getKysely().selectFrom('lessons').selectAll().execute()"],
    ['libs/server/audit/infra-mikro-orm/src/lib/forbidden.ts', "this.em.createQueryBuilder('AuditEvent').getResult()"],
    ['libs/server/platform/realtime/src/lib/forbidden.ts', "tx.execute('select * from outbox_events')"],
    ['apps/api/src/forbidden.ts', "queryPrepared(this.em, statement, [])"],
  ])('refuses in %s: %s', async (file, call) => {
    const problems = await lint(file, `declare const tx: any, statement: any, queryPrepared: any;\nexport const run = async function (this: any) { return ${call}; };\n`);
    expect(problems.join('\n')).toMatch(new RegExp(`${syntaxRule}: ${sent}`));
  });

  it('accepts a declared statement run with schoolRows, and a use case called execute', async () => {
    const source = [
      "import { schoolRows, schoolScoped } from '@cadenza/server/platform/db';",
      "const ROOMS = schoolScoped<{ id: string }>('scheduling_rooms_example', (school) => `select id from rooms where school_id = ${school}`);",
      'export const run = async function (this: { em: never; list: { execute(): Promise<void> } }) { await this.list.execute(); return schoolRows(this.em, ROOMS, []); };',
      '',
    ].join('\n');
    expect(await lint('libs/server/scheduling/infra-mikro-orm/src/lib/allowed.ts', source)).not.toContainEqual(expect.stringMatching(syntaxRule));
  });

  it('leaves specs free to seed their databases', async () => {
    expect(await lint('libs/server/scheduling/infra-mikro-orm/src/lib/forbidden.integration.spec.ts', "declare const em: any;\nexport const seed = () => em.execute('insert into rooms values (1)');\n")).not.toContainEqual(
      expect.stringMatching(syntaxRule),
    );
  });
});

describe('tags', () => {
  // The rules are written per tag, so a project without one would escape them.
  const graph = () => readCachedProjectGraph();

  it('gives every project a scope, a type and a platform, and every web project an audience', () => {
    const missing = Object.entries(graph().nodes).flatMap(([name, { data }]) => {
      const tags = data.tags ?? [];
      const wanted = ['scope:', 'type:', 'platform:', ...(tags.includes('platform:web') && data.root.startsWith('libs/') ? ['audience:'] : [])];
      return wanted.filter((prefix) => !tags.some((t) => t.startsWith(prefix))).map((prefix) => `${name} has no ${prefix} tag`);
    });
    expect(missing).toEqual([]);
    expect(Object.keys(graph().nodes).length).toBeGreaterThan(50);
  });
});
