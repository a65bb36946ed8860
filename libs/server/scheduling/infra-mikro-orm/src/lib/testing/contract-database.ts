import { Migration } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { enterSchool, migrate, ormOptions, outboxPersistence, type PersistenceParts } from '@cadenza/server/platform/db';
import { newId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { schedulingPersistence } from '../scheduling-persistence.module.js';

/**
 * The identity tables scheduling's foreign keys point at, reduced to those keys. The real
 * ones belong to the identity context, which scheduling may not import (scope rule); the
 * app composes both (libs/server/bridges/src/lib/persistence.ts). Runs first, by its name's timestamp.
 */
export class Migration20261123000100_identity_keys_for_scheduling_specs extends Migration {
  override up(): void {
    this.addSql(`
create table schools (id uuid primary key, name text not null);
create table users (id uuid primary key, school_id uuid not null references schools (id), name text not null);
`);
  }
}

/** Scheduling's tables on an empty database, with the outbox as the app has it. */
export const schedulingSpecParts: PersistenceParts = {
  entities: [...outboxPersistence.entities, ...schedulingPersistence.entities],
  migrations: [Migration20261123000100_identity_keys_for_scheduling_specs, ...outboxPersistence.migrations, ...schedulingPersistence.migrations],
};

export async function openSchedulingDatabase(url: string): Promise<MikroORM> {
  await migrate(url, schedulingSpecParts);
  return MikroORM.init(ormOptions(url, schedulingSpecParts, 4));
}

const some = <T extends Id<string>>(n: number) => Array.from({ length: n }, () => newId<T>());

/** A fresh school with its people, in a forked entity manager that has entered it. */
export async function freshSchool(orm: MikroORM, people: number): Promise<{ em: EntityManager; schoolId: SchoolId; userIds: UserId[] }> {
  const em = orm.em.fork();
  const schoolId = newId<SchoolId>();
  const userIds = some<UserId>(people);
  const sql = em.getConnection();
  await sql.execute('insert into schools (id, name) values (?, ?)', [schoolId, `School ${schoolId.slice(0, 8)}`]);
  for (const [i, id] of userIds.entries()) await sql.execute('insert into users (id, school_id, name) values (?, ?, ?)', [id, schoolId, `Person ${i}`]);
  enterSchool(em, schoolId);
  return { em, schoolId, userIds };
}
