import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { MailCapture } from '@cadenza/server/platform/mail';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const root = resolve(import.meta.dirname, '../../../../..');
const dist = (file: string) => resolve(root, 'dist/server/apps/api/src', file);
const workerMain = resolve(root, 'dist/server/apps/worker/src/main.js');
const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ApiProcess {
  url: string;
  db: TestDatabase;
  mail: MailCapture;
  env: Record<string, string>;
  /** What the api process printed so far (for diagnosing a failed test). */
  output(): string;
  /** Runs the schools CLI against the same database. */
  cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }>;
  stop(): Promise<void>;
}

/**
 * The built api as a real process (black box): its own database, migrated, the
 * demo school seeded, mail going to a capture server in the test process.
 * Build first: `nx build api`.
 */
export async function startApiProcess(
  extraEnv: Record<string, string> = {},
  options: { databasePort?: number; waitFor?: 'ready' | 'live'; rejectRecipient?: (address: string) => boolean } = {},
): Promise<ApiProcess> {
  const db = await createTestDatabase();
  const mail = await new MailCapture({ rejectRecipient: options.rejectRecipient }).start(0);
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SMTP_URL: mail.url,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CADENZA_DEMO: '1',
    // Each notification's email goes at once unless a test asks for the digest window.
    NOTIFICATIONS_DIGEST_SECONDS: '0',
    ...extraEnv,
  };
  let child: ChildProcess | null = null;
  try {
    await run(process.execPath, [dist('migrate.js')], { env, cwd: root });
    const apiEnv = { ...env };
    if (options.databasePort) {
      const via = new URL(db.url);
      via.port = String(options.databasePort);
      apiEnv['DATABASE_URL'] = via.toString();
    }
    const url = `http://127.0.0.1:${port}`;
    const started = spawnApi(apiEnv);
    child = started;
    await waitForApi(started, url, options.waitFor ?? 'ready');
    const proc = started;
    return {
      url,
      db,
      mail,
      env,
      output: () => proc.output(),
      cli: async (...args) => {
        try {
          const { stdout, stderr } = await run(process.execPath, [dist('cli/school-cli.js'), ...args], { env, cwd: root });
          return { stdout, stderr, code: 0 };
        } catch (error) {
          const e = error as { stdout: string; stderr: string; code: number };
          return { stdout: e.stdout, stderr: e.stderr, code: e.code };
        }
      },
      stop: async () => {
        await stopProcess(proc);
        await mail.stop();
        await db.drop();
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    await mail.stop();
    await db.drop();
    throw error;
  }
}

export interface ApiReplica {
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A second api process on the first one's database, secret and mail capture (not seeded:
 * `CADENZA_DEMO=0`), as in a deployment of N instances. Stop it before the first.
 */
export async function startApiReplica(first: ApiProcess, extraEnv: Record<string, string> = {}): Promise<ApiReplica> {
  const port = await freePort();
  const env = { ...first.env, PORT: String(port), CADENZA_DEMO: '0', ...extraEnv };
  const url = `http://127.0.0.1:${port}`;
  const child = spawnApi(env);
  try {
    await waitForApi(child, url, 'ready');
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, env, stop: () => stopProcess(child) };
}

export interface WorkerProcess {
  /** What the worker printed so far. */
  output(): string;
  /** Kills it at once (SIGKILL: no cleanup, as a crash), or stops it gently. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The built worker (`nx build worker`) as a process on the api's database, secret and mail
 * capture, with the given extra environment (REDIS_URL and a prefix of the test's own).
 */
export async function startWorkerProcess(api: ApiProcess, extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [workerMain], { env: { ...api.env, ...extraEnv }, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  try {
    await waitFor(async () => output.includes('Cadenza worker is running.') || child.exitCode !== null, 120_000, () => output);
    if (child.exitCode !== null) throw new Error(`The worker exited: ${output}`);
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  }
  return { output: () => output, kill, stop: () => stopProcess(child) };
}

function spawnApi(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [dist('main.js')], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

async function waitForApi(child: ChildProcess & { output: () => string }, url: string, what: 'ready' | 'live'): Promise<void> {
  await waitFor(async () => (await fetch(`${url}/health/${what}`)).ok, 120_000, child.output);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms. ${describe()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
