import { enterSchool } from '@cadenza/server/platform/db';
import { Thread } from '@cadenza/server/messaging/domain';
import { threadRepositoryContract } from '@cadenza/server/messaging/domain/testing';
import { contextSpecParts, openSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { messagingPersistence } from './messaging-persistence.module.js';

threadRepositoryContract('MikroORM on PostgreSQL', async () => {
  const { orm, url, close } = await openSpecDatabase(contextSpecParts(messagingPersistence), 2);
  const [schoolId, otherSchoolId] = [newId<SchoolId>(), newId<SchoolId>()];
  const people = [newId<UserId>(), newId<UserId>(), newId<UserId>()];
  const [elsewhereA, elsewhereB] = [newId<UserId>(), newId<UserId>()];
  await withClient(url, async (sql) => {
    await sql.query('insert into schools (id, name) values ($1, $2), ($3, $4)', [schoolId, 'School', otherSchoolId, 'Other school']);
    for (const [id, school] of [...people.map((p) => [p, schoolId]), [elsewhereA, otherSchoolId], [elsewhereB, otherSchoolId]]) {
      await sql.query('insert into users (id, school_id, name) values ($1, $2, $3)', [id, school, 'Someone']);
    }
  });
  // Another school's private thread, between people the contract's school never sees: never found from here.
  const elsewhere = orm.em.fork();
  enterSchool(elsewhere, otherSchoolId);
  const theirs = Thread.create({ schoolId: otherSchoolId, kind: 'direct', createdBy: elsewhereA, participantIds: [elsewhereB], now: new Date('2026-03-01T09:00:00Z') });
  await new MikroOrmThreadRepository(elsewhere).add(theirs);
  const em = orm.em.fork();
  enterSchool(em, schoolId);
  const repo = new MikroOrmThreadRepository(em);
  expect(await repo.directBetween(elsewhereA, elsewhereB)).toBeNull();
  return {
    repo,
    schoolId,
    people,
    cleanup: close,
  };
});
