import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxWriter, enterSchool } from '@cadenza/server/platform/db';
import { Message, Thread, type MessagingEvent } from '@cadenza/server/messaging/domain';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { MikroOrmMessagePosts } from './mikro-orm-message-posts.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmReadReceiptRepository } from './mikro-orm-read-receipt-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { OutboxMessagingEvents } from './outbox-messaging-events.js';
import { freshSchool, openMessagingDatabase } from './testing/messaging-database.js';

/**
 * Each of messaging's named statements (`statements.ts`) against the repository calls it stands for: the same
 * rows, read back through the repositories, whichever way they were written.
 */
describe("messaging's named statements, held to the repositories' writes and reads", () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let em: EntityManager;
  let schoolId: SchoolId;
  let people: UserId[];

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openMessagingDatabase(db.url);
    ({ em, schoolId, userIds: people } = await freshSchool(orm, 3));
  }, 60_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  describe('POST_MESSAGE (MikroOrmMessagePosts)', () => {
    type Write = (tx: EntityManager, post: { message: Message; thread: Thread; events: MessagingEvent[] }) => Promise<void>;

    /** The repositories' writes, one after the other, as a post made them before the statement. */
    const oneByOne: Write = async (tx, { message, thread, events }) => {
      await new MikroOrmMessageRepository(tx).add(message);
      await new MikroOrmThreadRepository(tx).update(thread);
      await new MikroOrmReadReceiptRepository(tx).save({ threadId: thread.id, userId: message.authorId, lastReadSeq: message.seq, readAt: message.sentAt });
      await new OutboxMessagingEvents(new OutboxWriter(tx)).publish(events);
    };
    const inOneStatement: Write = (tx, { message, thread, events }) =>
      new MikroOrmMessagePosts(tx).record({ message, thread, receipt: { threadId: thread.id, userId: message.authorId, lastReadSeq: message.seq, readAt: message.sentAt }, events });

    /** A post as PostMessage makes it, in a unit of work of `on`: the thread read with its lock, its next seq, the message and its event. */
    const post = (write: Write, threadId: Thread['id'], authorId: UserId, body: string, now: Date, on: EntityManager = em) =>
      on.transactional(async (tx) => {
        const thread = (await new MikroOrmThreadRepository(tx).byId(threadId)) as Thread;
        const seq = thread.nextSeq(now);
        const message = Message.create({ schoolId, threadId, authorId, seq, body, now });
        const event = integrationEvent('message.created.v1', { actorId: authorId, threadId, messageId: message.id, seq, participantIds: [...thread.participantIds] });
        await write(tx, { message, thread, events: [outgoingEvent(schoolId, now, event)] });
        return message;
      });

    /** Everything a thread's posts left, read back through the repositories and the outbox, with its ids named by role. */
    const whatIsStored = async (threadId: Thread['id']) => {
      const read = orm.em.fork();
      enterSchool(read, schoolId);
      const thread = (await new MikroOrmThreadRepository(read).byId(threadId))?.snapshot();
      const messages = (await new MikroOrmMessageRepository(read).ofThread(threadId)).map((m) => m.snapshot());
      const receipts = await new MikroOrmReadReceiptRepository(read).ofThread(threadId);
      const outbox = await read
        .getConnection()
        .execute<{ school_id: string; type: string; payload: Record<string, unknown>; occurred_at: Date; published_at: Date | null }[]>(
          `select school_id, type, payload, occurred_at, published_at from outbox_events where payload->>'threadId' = ? order by occurred_at`,
          [threadId],
        );
      const names = new Map<string, string>([[threadId, 'thread'], ...messages.map((m, i): [string, string] => [m.id, `message ${i + 1}`])]);
      return JSON.parse(JSON.stringify({ thread, messages, receipts, outbox }, (_key, value: unknown) => (typeof value === 'string' && names.has(value) ? names.get(value) : value)));
    };

    const twoThreadsAlike = async () => {
      const created = new Date('2027-01-11T09:00:00Z');
      const threads = new MikroOrmThreadRepository(em);
      const pair = [0, 1].map(() => Thread.create({ schoolId, kind: 'group', subject: 'Duet', createdBy: people[0], participantIds: [people[1], people[2]], now: created }));
      for (const thread of pair) await threads.add(thread);
      return pair.map((t) => t.id);
    };

    it('stores exactly what the message, thread, receipt and outbox writes store, for a first post and a later one', async () => {
      const [byRepositories, byStatement] = await twoThreadsAlike();
      const posts: [UserId, string, string][] = [
        [people[0], 'Bring the Bach on Monday', '2027-01-11T09:05:00Z'],
        [people[1], 'Which movement?', '2027-01-11T09:06:00Z'],
        // The author's receipt exists by now: the statement moves it on, as the repository's save does.
        [people[0], 'The Allemande, please', '2027-01-11T09:07:00Z'],
      ];
      for (const [author, body, at] of posts) {
        await post(oneByOne, byRepositories, author, body, new Date(at));
        await post(inOneStatement, byStatement, author, body, new Date(at));
      }
      const expected = await whatIsStored(byRepositories);
      expect(await whatIsStored(byStatement)).toEqual(expected);
      // And that is what a post should leave: three messages numbered in order, the thread's counters, both authors' receipts, three events.
      expect(expected.thread).toMatchObject({ lastSeq: 3, lastMessageAt: '2027-01-11T09:07:00.000Z', participantIds: [people[0], people[1], people[2]], subject: 'Duet' });
      expect(expected.messages.map((m: { seq: number; versions: { body: string }[] }) => [m.seq, m.versions.map((v) => v.body)])).toEqual([
        [1, ['Bring the Bach on Monday']],
        [2, ['Which movement?']],
        [3, ['The Allemande, please']],
      ]);
      expect(expected.receipts.map((r: { userId: string; lastReadSeq: number }) => [r.userId, r.lastReadSeq]).sort()).toEqual([[people[0], 3], [people[1], 2]].sort());
      expect(expected.outbox.map((e: { type: string; payload: { seq: number; messageId: string } }) => [e.type, e.payload.seq, e.payload.messageId])).toEqual([
        ['message.created.v1', 1, 'message 1'],
        ['message.created.v1', 2, 'message 2'],
        ['message.created.v1', 3, 'message 3'],
      ]);
    });

    it('writes in the unit of work: a unit that fails after it leaves nothing behind', async () => {
      const [threadId] = await twoThreadsAlike();
      const before = await whatIsStored(threadId);
      await expect(
        em.transactional(async (tx) => {
          await post(inOneStatement, threadId, people[0], 'Never sent', new Date('2027-01-11T10:00:00Z'), tx);
          throw new Error('the unit fails after the post');
        }),
      ).rejects.toThrow('the unit fails after the post');
      expect(await whatIsStored(threadId)).toEqual(before);
      expect(before).toMatchObject({ thread: { lastSeq: 0 }, messages: [], receipts: [], outbox: [] });
    });
  });
});
