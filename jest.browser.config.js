// Browser journeys (apps/console-e2e, apps/portal-e2e): Chromium through playwright-core,
// against a running Cadenza at CADENZA_E2E_URL (the api serving both apps, demo school seeded).
//   CADENZA_E2E_URL=http://localhost:3000 node --experimental-vm-modules node_modules/jest/bin/jest.js -c jest.browser.config.js
import { readFileSync } from 'node:fs';

const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replaceAll('/', '\\/')}$`, `<rootDir>/${target}`]),
);

const project = (name) => ({
  displayName: name,
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: `<rootDir>/apps/${name}/tsconfig.json` }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...aliases },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/tmp/'],
  testMatch: [`<rootDir>/apps/${name}/src/**/*.spec.ts`],
});

export default {
  projects: [project('console-e2e'), project('portal-e2e')],
  // Journeys are long, and CI may share the machine: a test that needs its time is not a failure.
  testTimeout: 180_000,
  maxWorkers: 2,
};
