import { Migration } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { enterSchool, migrate, ormOptions, outboxPersistence, type PersistenceParts } from '@cadenza/server/platform/db';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { createTestDatabase } from '@cadenza/server/testing';

/**
 * The identity tables other contexts' foreign keys point at, reduced to those keys. The real ones belong to the
 * identity context, which a context may not import (scope rule); the app composes both (the bridges' `persistence`).
 * Runs first, by its name's timestamp.
 */
export class Migration20261123000100_identity_keys_for_specs extends Migration {
  override up(): void {
    this.addSql(`
create table schools (id uuid primary key, name text not null);
create table users (id uuid primary key, school_id uuid not null references schools (id), name text not null);
`);
  }
}

/** A context's tables on an empty database as the app has them around it: the identity keys (see above) and the outbox. */
export function contextSpecParts(context: PersistenceParts): PersistenceParts {
  return {
    entities: [...outboxPersistence.entities, ...context.entities],
    migrations: [Migration20261123000100_identity_keys_for_specs, ...outboxPersistence.migrations, ...context.migrations],
  };
}

/** A migrated database of a spec's own, with the ORM open on it. */
export interface SpecDatabase {
  readonly url: string;
  readonly orm: MikroORM;
}

/** Creates a database, migrates `parts` into it and opens the ORM on it (a pool of `pool`); `close` drops it. */
export async function openSpecDatabase(parts: PersistenceParts, pool = 4): Promise<SpecDatabase & { close(): Promise<void> }> {
  const db = await createTestDatabase();
  try {
    await migrate(db.url, parts);
    const orm = await MikroORM.init(ormOptions(db.url, parts, pool));
    return {
      url: db.url,
      orm,
      close: async () => {
        await orm.close(true);
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * A database of the spec file's own (see `openSpecDatabase`), made before its first test and dropped after its
 * last: call it in a `describe` block and read `orm` and `url` in the tests.
 */
export function useSpecDatabase(parts: PersistenceParts, pool = 4): SpecDatabase {
  let open: (SpecDatabase & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    open = await openSpecDatabase(parts, pool);
  }, 60_000);
  afterAll(async () => {
    await open?.close();
  });
  const ready = () => {
    if (!open) throw new Error('The spec database is made in beforeAll: read it inside a test or a hook.');
    return open;
  };
  return {
    get url() {
      return ready().url;
    },
    get orm() {
      return ready().orm;
    },
  };
}

/**
 * A fresh school with `people` people, in the identity keys' tables (`contextSpecParts`), and a forked entity
 * manager that has entered it.
 */
export async function freshSchool(orm: MikroORM, people: number): Promise<{ em: EntityManager; schoolId: SchoolId; userIds: UserId[] }> {
  const em = orm.em.fork();
  const schoolId = newId<SchoolId>();
  const userIds = Array.from({ length: people }, () => newId<UserId>());
  const sql = em.getConnection();
  await sql.execute('insert into schools (id, name) values (?, ?)', [schoolId, `School ${schoolId.slice(0, 8)}`]);
  for (const [i, id] of userIds.entries()) await sql.execute('insert into users (id, school_id, name) values (?, ?, ?)', [id, schoolId, `Person ${i}`]);
  enterSchool(em, schoolId);
  return { em, schoolId, userIds };
}
