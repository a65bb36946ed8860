// Jest for the Angular front-ends (apps/console, apps/portal, libs/web): jest-preset-angular
// in CommonJS mode with jsdom. The Node side has its own ESM config (jest.server.config.js).
//   node node_modules/jest/bin/jest.js -c jest.web.config.cjs
const { createCjsPreset } = require('jest-preset-angular/presets');
const { compilerOptions } = require('./tsconfig.base.json');

const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replaceAll('/', '\\/')}$`, `<rootDir>/${target}`]),
);

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/libs/web/tsconfig.spec.json' }),
  displayName: 'web',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/libs/web/test-setup.ts'],
  testMatch: ['<rootDir>/{apps/console,apps/portal,libs/web}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/libs/web/shared/testing-e2e/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...aliases },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/tmp/'],
};
