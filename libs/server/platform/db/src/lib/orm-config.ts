import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import type { EntitySchema } from '@mikro-orm/core';
import { hookPooledConnections } from './pooled-connections.js';

export type MigrationClass = new (...args: never[]) => Migration;

export interface PersistenceParts {
  entities: EntitySchema[];
  /** Each migration's class name starts with `Migration<yyyymmddhhmmss>`: they run in name order. */
  migrations: MigrationClass[];
}

/** The ORM's options, shared by the api, the worker, the CLI and the tests. */
export function ormOptions(url: string, parts: PersistenceParts, poolMax = 20): Options {
  const migrations = [...parts.migrations].sort((a, b) => a.name.localeCompare(b.name));
  return defineConfig({
    clientUrl: url,
    entities: parts.entities,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    // Every pooled connection's `query`: prepared statements under their names, results through pg's callback form (pooled-connections.ts).
    driverOptions: { onPoolCreated: hookPooledConnections },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
    migrations: {
      tableName: 'schema_migrations',
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      migrationsList: migrations.map((m) => ({ name: m.name, class: m as never })),
    },
  });
}
