import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { enterSchool, migrate, ormOptions, outboxPersistence, type PersistenceParts } from '@cadenza/server/platform/db';
import { Message, Thread, type MessageId } from '@cadenza/server/messaging/domain';
import { attachmentRepositoryContract } from '@cadenza/server/messaging/domain/testing';
import { createTestDatabase, withClient } from '@cadenza/server/testing';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { messagingPersistence } from './messaging-persistence.module.js';
import { MikroOrmAttachmentRepository } from './mikro-orm-attachment-repository.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';

/** The identity tables messaging's foreign keys point at, reduced to those keys (messaging may not import identity). */
class Migration20261123000100_identity_keys_for_attachment_specs extends Migration {
  override up(): void {
    this.addSql(`
create table schools (id uuid primary key, name text not null);
create table users (id uuid primary key, school_id uuid not null references schools (id), name text not null);
`);
  }
}

const parts: PersistenceParts = {
  entities: [...outboxPersistence.entities, ...messagingPersistence.entities],
  migrations: [Migration20261123000100_identity_keys_for_attachment_specs, ...outboxPersistence.migrations, ...messagingPersistence.migrations],
};

attachmentRepositoryContract('MikroORM on PostgreSQL', async () => {
  const db = await createTestDatabase();
  await migrate(db.url, parts);
  const orm = await MikroORM.init(ormOptions(db.url, parts, 2));
  const [schoolId, teacher, student] = [newId<SchoolId>(), newId<UserId>(), newId<UserId>()];
  await withClient(db.url, async (sql) => {
    await sql.query('insert into schools (id, name) values ($1, $2)', [schoolId, 'School']);
    await sql.query('insert into users (id, school_id, name) values ($1, $3, $4), ($2, $3, $5)', [teacher, student, schoolId, 'Teacher', 'Student']);
  });
  const em = orm.em.fork();
  enterSchool(em, schoolId);
  const threads = new MikroOrmThreadRepository(em);
  const messages = new MikroOrmMessageRepository(em);
  const now = new Date('2026-03-02T09:00:00Z');
  const thread = Thread.create({ schoolId, kind: 'direct', createdBy: teacher, participantIds: [student], now });
  await threads.add(thread);
  return {
    repo: new MikroOrmAttachmentRepository(em),
    schoolId,
    threadId: thread.id,
    uploaderId: teacher,
    newMessage: async (): Promise<MessageId> => {
      const message = Message.create({ schoolId, threadId: thread.id, authorId: teacher, seq: thread.nextSeq(now), body: 'With a file', now });
      await messages.add(message);
      await threads.update(thread);
      return message.id;
    },
    cleanup: async () => {
      await orm.close(true);
      await db.drop();
    },
  };
});
