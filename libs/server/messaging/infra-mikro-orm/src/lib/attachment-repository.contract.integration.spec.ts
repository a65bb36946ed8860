import { enterSchool } from '@cadenza/server/platform/db';
import { Message, Thread, type MessageId } from '@cadenza/server/messaging/domain';
import { attachmentRepositoryContract } from '@cadenza/server/messaging/domain/testing';
import { contextSpecParts, openSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { MikroOrmAttachmentRepository } from './mikro-orm-attachment-repository.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { messagingPersistence } from './messaging-persistence.module.js';

attachmentRepositoryContract('MikroORM on PostgreSQL', async () => {
  const { orm, url, close } = await openSpecDatabase(contextSpecParts(messagingPersistence), 2);
  const [schoolId, teacher, student] = [newId<SchoolId>(), newId<UserId>(), newId<UserId>()];
  await withClient(url, async (sql) => {
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
    cleanup: close,
  };
});
