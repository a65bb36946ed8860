// One lint config for the workspace. The dependency rule of the hexagon is
// enforced here with Nx tags: a breach fails `npm test` and CI.
import nx from '@nx/eslint-plugin';

const serverOnly = ['@nestjs/*', '@mikro-orm/*', 'bull', 'ioredis', 'pg', 'express', 'stripe', 'googleapis', 'socket.io', 'socket.io-adapter', '@socket.io/*', 'nodemailer', 'argon2', 'passport*'];
const frameworkFree = [...serverOnly, 'socket.io-client', 'rxjs', '@angular/*'];
const contexts = ['identity', 'scheduling', 'attendance', 'billing', 'messaging', 'audit', 'reporting'];

/** The dependency rule. Specs of adapters and platform code may also use the test harness (type:testing). */
function depConstraints({ specs }) {
  const testing = specs ? ['type:testing'] : [];
  return [
    // Layers (type:)
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: frameworkFree },
    { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:util'], bannedExternalImports: frameworkFree },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:contract', 'type:util', ...testing] },
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contract', 'type:util', ...testing] },
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
    // Contexts never import each other (scope:).
    ...contexts.map((context) => ({
      sourceTag: `scope:${context}`,
      onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared', 'scope:platform'],
    })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
    { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
  ];
}
const boundaries = (specs) => [
  'error',
  { enforceBuildableLibDependency: true, allowCircularSelfDependency: false, banTransitiveDependencies: false, allow: [], depConstraints: depConstraints({ specs }) },
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
    files: ['libs/server/*/domain/**/*.ts', 'libs/shared/kernel/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the Clock port.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
      ],
    },
  },
];
