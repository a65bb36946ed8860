// Lint for the Angular projects (libs/web/**, and apps/console and apps/portal, which
// re-export this file): the workspace rules, module boundaries included, plus
// angular-eslint's TypeScript, template and template-accessibility rules.
import nx from '@nx/eslint-plugin';
import workspace from '../../eslint.config.js';

export default [
  ...workspace,
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'cz', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'cz', style: 'camelCase' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-signals': 'error',
    },
  },
  {
    // The workspace's "no process.env outside config" rule, re-applied here because its
    // file patterns are relative to the root. Browser code has no environment to read.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing-e2e/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Browser code has no environment; configure through providers.' }],
    },
  },
  {
    // The apps' eslint.config.js re-export this file; lint configuration is not project code.
    files: ['eslint.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
