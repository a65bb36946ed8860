// One lint config for the workspace. The dependency rule of the hexagon is
// enforced here with Nx tags: a breach fails `npm test` and CI. Each rule below
// has a case in tools/lint/module-boundaries.spec.ts that proves it bites, and a
// row in docs/architecture.md ("What lint proves").
import { globSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import nx from '@nx/eslint-plugin';

// Every project's tags, read from its project.json, so that the rules below cover
// every scope and every domain library that exists, including ones added later.
const projects = globSync('{apps,libs}/**/project.json', { cwd: import.meta.dirname, exclude: (path) => path.includes('node_modules') }).map((file) => ({
  root: dirname(file),
  tags: JSON.parse(readFileSync(`${import.meta.dirname}/${file}`, 'utf8')).tags ?? [],
}));
const tagged = (tag) => projects.filter((p) => p.tags.includes(tag)).map((p) => p.root);
const scopes = [...new Set(projects.flatMap((p) => p.tags).filter((t) => t.startsWith('scope:')).map((t) => t.slice('scope:'.length)))];
// Bounded contexts are every scope but these four: code every context shares, infrastructure,
// the adapters that join contexts (read models, directories) and the composition roots.
const notContexts = ['shared', 'platform', 'bridges', 'app'];
const contexts = scopes.filter((s) => !notContexts.includes(s));

const serverOnly = ['@nestjs/*', '@mikro-orm/*', '@aws-sdk/*', 's3rver', 'bull', 'ioredis', 'pg', 'express', 'stripe', 'googleapis', 'socket.io', 'socket.io-adapter', '@socket.io/*', 'nodemailer', 'argon2', 'passport*'];

// The only third-party packages domain code may import: pure computation, no I/O, no framework.
// rrule expands a series' RFC 5545 rule; temporal-polyfill converts wall-clock times in a zone.
// Anything else (a driver, a logger, a queue, Node's own modules) belongs in an adapter.
const domainPackages = ['rrule', 'temporal-polyfill'];
// Domain specs may also generate cases with fast-check.
const domainSpecPackages = [...domainPackages, 'fast-check'];
// The in-memory fakes in a domain's testing folder keep a unit of work's state in
// AsyncLocalStorage, as the real unit of work keeps its transaction.
const domainTestingPackages = [...domainPackages, 'node:async_hooks'];
// Contracts are shared by the browser and the server: zod schemas and plain types, nothing else.
const contractPackages = ['zod'];

/** The dependency rule. Specs may also use the test harness (type:testing) and domain specs fast-check. */
function depConstraints({ specs }) {
  const testing = specs ? ['type:testing'] : [];
  const fromDomain = ['type:domain', 'type:util'];
  return [
    // Layers (type:)
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: fromDomain, allowedExternalImports: specs ? domainSpecPackages : domainPackages },
    { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:util'], allowedExternalImports: contractPackages },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:contract', 'type:util', ...testing] },
    // An adapter implements its own context's ports: it never imports an api or another adapter.
    // Only an adapter that joins contexts (scope:bridges) builds on other contexts' adapters.
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:platform', 'type:contract', 'type:util', ...testing] },
    ...scopes
      .filter((scope) => scope !== 'bridges')
      .map((scope) => ({ allSourceTags: ['type:adapter', `scope:${scope}`], onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contract', 'type:util', ...testing] })),
    // The adapters that join contexts (read models and directories over several contexts' tables,
    // the realtime routers): any context's domain and adapters, never an api or an app.
    { sourceTag: 'type:bridge', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:platform', 'type:contract', 'type:util', ...testing] },
    { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contract', 'type:util'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:adapter', 'type:contract', 'type:util', 'type:testing'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:testing', 'type:domain'] },
    // Web libs: Angular's ui, data-access, feature.
    { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contract', 'type:domain'] },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contract', 'type:domain'] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:util', 'type:contract', 'type:domain'] },
    // Where code runs (platform:): the browser never reaches a server lib.
    { sourceTag: 'platform:web', onlyDependOnLibsWithTags: ['platform:web', 'platform:shared'], bannedExternalImports: serverOnly },
    { sourceTag: 'platform:server', onlyDependOnLibsWithTags: ['platform:server', 'platform:shared'] },
    { sourceTag: 'platform:shared', onlyDependOnLibsWithTags: ['platform:shared'] },
    // Who sees it (audience:): the family portal never ships a staff screen, a screen both apps
    // use never reaches a staff-only or family-only one. The apps carry their audience too.
    { sourceTag: 'audience:family', onlyDependOnLibsWithTags: ['audience:family', 'audience:any', 'platform:shared'] },
    { sourceTag: 'audience:staff', onlyDependOnLibsWithTags: ['audience:staff', 'audience:any', 'platform:shared'] },
    { sourceTag: 'audience:any', onlyDependOnLibsWithTags: ['audience:any', 'platform:shared'] },
    // Contexts never import each other (scope:).
    ...contexts.map((context) => ({
      sourceTag: `scope:${context}`,
      onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared', 'scope:platform'],
    })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
    // The adapters that join contexts may read any context (through its domain and adapter libs, as the
    // layer rules above say), never an app or a context's api.
    { sourceTag: 'scope:bridges', onlyDependOnLibsWithTags: [...contexts.map((c) => `scope:${c}`), 'scope:bridges', 'scope:shared', 'scope:platform'] },
    { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
  ];
}
const boundaries = (specs) => [
  'error',
  { enforceBuildableLibDependency: true, allowCircularSelfDependency: false, banTransitiveDependencies: false, allow: [], depConstraints: depConstraints({ specs }) },
];

// Test code: specs, the fakes and builders behind a library's `testing` entry point, the
// test harness libraries and the black-box test apps. Nothing else may import it.
const testCode = ['**/*.spec.ts', '**/testing/**', '**/testing.ts', '**/test-setup.ts', 'apps/*-e2e/**', ...tagged('type:testing').map((root) => `${root}/**`)];
const noTestingImports = {
  regex: String.raw`^(@cadenza/.+/testing(-[\w-]+)?(/.*)?|\.{1,2}/(.+/)?testing(\.js)?(/.*)?)$`,
  message: 'Fakes, builders and test harnesses are for specs only.',
};
// The allow-list for domain code: its own files, the workspace's libraries (which ones, the Nx rule
// says by tag) and the packages given. Node's modules and any other package are refused.
const onlyImports = (packages, why) => ({
  regex: String.raw`^(?!\.|@cadenza/|(${packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$))`,
  message: `${why}: it imports only relative paths, @cadenza/* libraries (which ones, the Nx rule says by tag) and ${packages.join(', ')}.`,
});
const domainWhy = 'Domain code is pure, I/O belongs in an adapter';
const domainCode = tagged('type:domain').map((root) => `${root}/**/*.ts`);
const contractCode = tagged('type:contract').map((root) => `${root}/**/*.ts`);
const domainSyntax = [
  'error',
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the Clock port.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
  { selector: "CallExpression[callee.name='Date']", message: 'Use the Clock port.' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Use the Clock port.' },
  // The same reached through globalThis.
  { selector: "MemberExpression[object.object.name='globalThis'][object.property.name=/^(Date|performance)$/]", message: 'Use the Clock port.' },
  { selector: "NewExpression[callee.object.name='globalThis'][callee.property.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
  // No process state, output or exit: configuration comes injected, logs are an adapter's job.
  { selector: "MemberExpression[object.name='process']", message: 'Domain code does not touch the process or the console.' },
  { selector: "MemberExpression[object.name='console']", message: 'Domain code does not touch the process or the console.' },
  { selector: 'ImportExpression', message: 'Domain code imports statically, so lint sees what it depends on.' },
];

// SQL sent around the statements' one mechanism (see the rule below).
const handShapedWhy = 'Declare the statement with schoolScoped in the library\'s statements.ts and run it with schoolRows or schoolWrite (platform/db), which bind it to the school in force.';
const handShapedSql = [
  { selector: "CallExpression[callee.property.name='execute'][callee.object.name=/^(em|tx|orm)$/]", message: handShapedWhy },
  { selector: "CallExpression[callee.property.name='execute'][callee.object.property.name=/^(em|tx)$/]", message: handShapedWhy },
  { selector: "MemberExpression[property.name=/^(getConnection|getKysely|getKnex|createQueryBuilder|qb)$/]", message: handShapedWhy },
  { selector: "CallExpression[callee.name=/^(preparedStatement|queryPrepared)$/]", message: handShapedWhy },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.tools', '**/.data', '**/tmp', '**/.angular', '**/.nx', '**/coverage'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // In tests a missing value should fail loudly at the assertion, not be guarded against.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Configuration is read once, validated, and injected; nowhere else reads the environment.
    files: ['libs/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: ['libs/server/platform/config/**', '**/*.spec.ts', 'libs/server/testing/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the validated config slices (platform/config).' }],
    },
  },
  {
    // Hand-shaped SQL goes through one mechanism, which binds it to the school in force: statements are declared
    // with schoolScoped (or acrossSchools) in a library's statements.ts and run with schoolRows, schoolWrite or
    // acrossSchoolsRows (platform/db). Nothing else sends SQL of its own: no execute on an entity manager, no
    // connection, query builder or Kysely, no prepared statement made by hand. Specs and test harnesses seed as they like.
    files: ['libs/server/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: [
      'libs/server/platform/db/**',
      ...testCode,
      ...domainCode,
    ],
    rules: { 'no-restricted-syntax': ['error', ...handShapedSql] },
  },
  {
    // Production code never imports test code.
    files: ['**/*.ts', '**/*.js'],
    ignores: testCode,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestingImports] }] },
  },
  {
    // Domain code: an allow-list of imports (the Nx rule cannot see Node's modules nor packages
    // that are not installed), and time only from the Clock port.
    files: domainCode,
    ignores: testCode,
    rules: {
      'no-restricted-imports': ['error', { patterns: [noTestingImports, onlyImports(domainPackages, domainWhy)] }],
      'no-restricted-syntax': domainSyntax,
    },
  },
  {
    files: domainCode.map((glob) => glob.replace(/\*\*\/\*\.ts$/, '**/testing/**/*.ts')),
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [onlyImports(domainTestingPackages, domainWhy)] }] },
  },
  {
    files: domainCode.map((glob) => glob.replace(/\*\*\/\*\.ts$/, '**/*.spec.ts')),
    rules: { 'no-restricted-imports': ['error', { patterns: [onlyImports(domainSpecPackages, domainWhy)] }] },
  },
  {
    // Contracts: the same allow-list by file (Node's modules would not even run in the browser).
    files: contractCode,
    ignores: testCode,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestingImports, onlyImports(contractPackages, 'Contracts are shared with the browser')] }] },
  },
];
