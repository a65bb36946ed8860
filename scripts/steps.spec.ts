import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const runner = join(import.meta.dirname, 'steps.sh');

/** Runs a bash script that sources the step runner under `set -euo pipefail`, as scripts/test.sh does. */
function run(script: string): { status: number | null; output: string } {
  const result = spawnSync('bash', ['-c', `set -euo pipefail\nsource ${JSON.stringify(runner)}\n${script}`], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the test suite step runner', () => {
  it('runs every step after failing ones and reports all the failures at the end, exiting non-zero', () => {
    const { status, output } = run(`
      two_commands() { false; echo "not reached"; }
      step "first fails" bash -c 'exit 3'
      step "second fails" two_commands
      step "third passes" echo "third ran"
      report_steps
    `);
    expect(status).toBe(1);
    expect(output).toContain('third ran');
    expect(output).not.toContain('not reached');
    expect(output).toMatch(/2 step\(s\) failed:\n {2}- first fails \(exit 3\)\n {2}- second fails \(exit 1\)/);
  });

  it('exits zero when every step passes', () => {
    const { status, output } = run(`
      step "one" true
      step "two" echo "two ran"
      report_steps
    `);
    expect(status).toBe(0);
    expect(output).toContain('two ran');
    expect(output).toContain('every step passed');
  });
});

describe('the server test projects', () => {
  it('give each test the timeout of its layer, not Jest 5 s default', () => {
    // Jest keeps the timeout in force under this symbol (what jest.setTimeout sets).
    const timeout = (globalThis as Record<symbol, unknown>)[Symbol.for('TEST_TIMEOUT_SYMBOL')];
    expect(timeout).toBe(15_000);
  });
});
