import { Migration } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { enterSchool, migrate, ormOptions, outboxPersistence, type PersistenceParts } from '@cadenza/server/platform/db';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { messagingPersistence } from '../messaging-persistence.module.js';

/**
 * The identity tables messaging's foreign keys point at, reduced to those keys. The real ones belong to the
 * identity context, which messaging may not import (scope rule); the app composes both. Runs first, by its
 * name's timestamp.
 */
export class Migration20261123000100_identity_keys_for_messaging_specs extends Migration {
  override up(): void {
    this.addSql(`
create table schools (id uuid primary key, name text not null);
create table users (id uuid primary key, school_id uuid not null references schools (id), name text not null);
`);
  }
}

/** Messaging's tables on an empty database, with the outbox as the app has it. */
export const messagingSpecParts: PersistenceParts = {
  entities: [...outboxPersistence.entities, ...messagingPersistence.entities],
  migrations: [Migration20261123000100_identity_keys_for_messaging_specs, ...outboxPersistence.migrations, ...messagingPersistence.migrations],
};

export async function openMessagingDatabase(url: string): Promise<MikroORM> {
  await migrate(url, messagingSpecParts);
  return MikroORM.init(ormOptions(url, messagingSpecParts, 4));
}

/** A fresh school with its people, in a forked entity manager that has entered it. */
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
