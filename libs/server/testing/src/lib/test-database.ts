import pg from 'pg';

const ADMIN_URL = process.env['CADENZA_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'cadenza_test_';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test run, created empty and dropped afterwards.
 * It refuses to touch any database whose name is not one it made.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (!name.startsWith(PREFIX)) throw new Error(`Refusing to drop ${name}: not a test database`);
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A plain client on a test database, for assertions the API cannot make. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!new URL(url).pathname.slice(1).startsWith(PREFIX)) throw new Error('withClient is for test databases only');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
