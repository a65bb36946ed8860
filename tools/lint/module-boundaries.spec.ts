// Proves the dependency rule bites: code that breaks it fails lint.
// ESLint runs as the real CLI over stdin, with the file named as if it lived in the project.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

function lint(filePath: string, source: string): string[] {
  execFileSync(resolve(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } });
  try {
    execFileSync(resolve(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: source,
    });
    return [];
  } catch (error) {
    const out = (error as { stdout: Buffer }).stdout.toString();
    const [result] = JSON.parse(out) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }
}

describe('module boundaries', () => {
  it('refuses a framework import in a domain library', () => {
    const problems = lint('libs/shared/kernel/src/lib/forbidden.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(problems.join('\n')).toMatch(/@nx\/enforce-module-boundaries.*@nestjs\/common/);
  });

  it('refuses the system clock in domain code', () => {
    const problems = lint('libs/shared/kernel/src/lib/forbidden.ts', 'export const now = Date.now();\n');
    expect(problems.join('\n')).toMatch(/no-restricted-syntax: Use the Clock port/);
  });

  it('accepts plain domain code', () => {
    expect(lint('libs/shared/kernel/src/lib/fine.ts', 'export const answer = 42;\n')).toEqual([]);
  });
});
