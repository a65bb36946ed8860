// Jest for everything that runs on Node: shared libs, server libs, apps and the
// api's black-box tests. Native ESM mode (NestJS 12 and MikroORM 7 ship ESM only),
// so it runs under `node --experimental-vm-modules`; scripts/test.sh does that.
// Three layers, chosen with --selectProjects: unit, integration, e2e, each with a default
// test timeout that fits its work.
import { readFileSync } from 'node:fs';

const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replaceAll('/', '\\/')}$`, `<rootDir>/${target}`]),
);

const shared = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...aliases },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/tmp/'],
  // Each project's default test timeout, from its `globals.testTimeoutMs`.
  setupFilesAfterEnv: ['<rootDir>/scripts/jest-test-timeout.js'],
};
const webOnly = ['<rootDir>/apps/console/', '<rootDir>/apps/portal/', '<rootDir>/libs/web/', '<rootDir>/apps/console-e2e/', '<rootDir>/apps/portal-e2e/'];

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // In-memory work only, but property tests and a busy machine can pass Jest's default 5 s.
      globals: { testTimeoutMs: 15_000 },
      testMatch: ['<rootDir>/{apps,libs,tools,scripts}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.integration\\.spec\\.ts$', '<rootDir>/apps/api-e2e/', ...webOnly],
    },
    {
      ...shared,
      displayName: 'integration',
      // A database per run, real migrations, argon2 hashes.
      globals: { testTimeoutMs: 60_000 },
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.integration.spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/apps/api-e2e/', ...webOnly],
    },
    {
      ...shared,
      displayName: 'e2e',
      // Black-box requests to a built api, with argon2 sign-ins and several requests per test; a suite's setup starts
      // an api process and signs several people in, which takes minutes on a busy two-core machine.
      globals: { testTimeoutMs: 180_000 },
      testMatch: ['<rootDir>/apps/api-e2e/**/*.spec.ts'],
    },
  ],
};
