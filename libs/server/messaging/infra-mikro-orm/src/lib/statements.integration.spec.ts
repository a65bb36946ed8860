import type { EntityManager } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, OutboxWriter, acrossSchoolsRows, enterSchool } from '@cadenza/server/platform/db';
import { DEFAULT_EMAIL, Message, Thread, type DeliveryPlan, type FeedEntry, type MessagingEvent, type ThreadId } from '@cadenza/server/messaging/domain';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { DeliverySchema, MessageSchema, MessageVersionSchema, NotificationPreferenceSchema, NotificationSchema, ParticipantSchema, ThreadSchema } from './entities.js';
import { MikroOrmAttachmentRepository } from './mikro-orm-attachment-repository.js';
import { MikroOrmMessagePosts } from './mikro-orm-message-posts.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmReadReceiptRepository } from './mikro-orm-read-receipt-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { MikroOrmThreadRetention } from './mikro-orm-thread-retention.js';
import { OutboxMessagingEvents } from './outbox-messaging-events.js';
import { PgDeliveryLog } from './pg-delivery-log.js';
import { PgNotificationFeed } from './pg-notification-feed.js';
import { PgNotificationPreferences } from './pg-notification-preferences.js';
import { BEGIN_MESSAGING_PURGE, END_MESSAGING_PURGE } from './statements.js';
import { messagingPersistence } from './messaging-persistence.module.js';

/**
 * Each of messaging's named statements (`statements.ts`) against the repository calls it stands for: the same
 * rows, read back through the repositories, whichever way they were written.
 */
describe("messaging's named statements, held to the repositories' writes and reads", () => {
  const db = useSpecDatabase(contextSpecParts(messagingPersistence));
  let em: EntityManager;
  let schoolId: SchoolId;
  let people: UserId[];

  beforeAll(async () => {
    ({ em, schoolId, userIds: people } = await freshSchool(db.orm, 3));
  }, 60_000);

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
      const read = db.orm.em.fork();
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

  describe('the reads', () => {
    let school: SchoolId;
    let who: UserId[];
    let reads: EntityManager;
    const threadIds: Record<string, ThreadId> = {};
    const at = (minute: number) => new Date(Date.UTC(2027, 1, 1, 9, minute));

    /** What the entity calls read of a thread: its row and its participants in order. */
    const entityThread = async (id: string) => {
      const row = await reads.findOne(ThreadSchema, { id }, { disableIdentityMap: true });
      if (!row) return null;
      const people = await reads.find(ParticipantSchema, { threadId: id }, { disableIdentityMap: true, orderBy: { position: 'asc' } });
      return { ...row, participantIds: people.map((p) => p.userId) };
    };
    /** Every message of the school with its versions, through the entity calls. */
    const entityMessages = async () => {
      const messages = await reads.find(MessageSchema, {}, { disableIdentityMap: true });
      const versions = await reads.find(MessageVersionSchema, {}, { disableIdentityMap: true, orderBy: { version: 'asc' } });
      return messages.map((m) => ({ ...m, versions: versions.filter((v) => v.messageId === m.id) }));
    };

    beforeAll(async () => {
      ({ em: reads, schoolId: school, userIds: who } = await freshSchool(db.orm, 5));
      const threads = new MikroOrmThreadRepository(reads);
      const messages = new MikroOrmMessageRepository(reads);
      const thread = async (name: string, kind: 'direct' | 'group' | 'family', createdBy: UserId, others: UserId[], minute: number, oversight = false) => {
        const t = Thread.create({ schoolId: school, kind, subject: kind === 'direct' ? null : name, createdBy, participantIds: others, now: at(minute) });
        if (oversight) t.placeUnderOversight();
        await threads.add(t);
        threadIds[name] = t.id;
        return t;
      };
      const say = async (t: Thread, authorId: UserId, body: string, minute: number, edit?: string) => {
        const message = Message.create({ schoolId: school, threadId: t.id, authorId, seq: t.nextSeq(at(minute)), body, now: at(minute) });
        await messages.add(message);
        await threads.update(t);
        const version = edit ? message.edit(authorId, edit, at(minute + 1)) : null;
        if (version) await messages.addVersion(message.id, version);
      };
      const first = await thread('first direct', 'direct', who[0], [who[1]], 1);
      await thread('later direct', 'direct', who[1], [who[0]], 2);
      const third = await thread('direct with 2', 'direct', who[0], [who[2]], 3);
      const group = await thread('group', 'group', who[0], [who[1], who[2]], 4);
      await thread('family', 'family', who[3], [who[1]], 5, true);
      // A private thread that came to hold a third person (rows written straight, as no use case would): no longer theirs alone.
      const grown = await thread('grown direct', 'direct', who[1], [who[2]], 6);
      await reads.insert(ParticipantSchema, { threadId: grown.id, userId: who[3], schoolId: school, position: 2 });
      await say(first, who[0], 'Bring the Bach', 10);
      await say(first, who[1], 'Which Bach?', 11, 'Which Bach? The partita?');
      await say(first, who[0], 'Practise 100% of it', 12);
      await say(group, who[2], 'Rehearsal moved_to Tuesday', 13);
      await say(group, who[1], 'bach after rehearsal', 14, 'Handel after rehearsal');
      await say(third, who[2], 'Thank you', 15);
      // Another school's thread between the same kinds of people, with a message that matches every search: never read from here.
      const { em: elsewhere, schoolId: otherSchool, userIds: them } = await freshSchool(db.orm, 2);
      const theirs = Thread.create({ schoolId: otherSchool, kind: 'direct', createdBy: them[0], participantIds: [them[1]], now: at(0) });
      await new MikroOrmThreadRepository(elsewhere).add(theirs);
      const message = Message.create({ schoolId: otherSchool, threadId: theirs.id, authorId: them[0], seq: theirs.nextSeq(at(0)), body: 'Bach 100% rehearsal_ thank you', now: at(0) });
      await new MikroOrmMessageRepository(elsewhere).add(message);
      threadIds['elsewhere'] = theirs.id;
    }, 60_000);

    it('THREAD_WITH_PARTICIPANTS (ThreadRepository.byId) reads what the entity calls read, locked inside a unit of work or not', async () => {
      const repo = new MikroOrmThreadRepository(reads);
      for (const id of [...Object.values(threadIds), newId<ThreadId>()]) {
        const expected = await entityThread(id);
        expect((await repo.byId(id))?.snapshot() ?? null).toEqual(expected);
        expect((await reads.transactional((tx) => new MikroOrmThreadRepository(tx).byId(id)))?.snapshot() ?? null).toEqual(expected);
      }
      expect(await entityThread(threadIds['elsewhere'])).toBeNull();
      expect((await repo.byId(threadIds['group']))?.participantIds).toEqual([who[0], who[1], who[2]]);
    });

    it('THREAD_WITH_PARTICIPANTS_LOCKED holds the thread until the unit of work ends', async () => {
      const id = threadIds['group'];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const first = reads.fork();
      enterSchool(first, school);
      const holding = first.transactional(async (tx) => {
        await new MikroOrmThreadRepository(tx).byId(id);
        locked();
        await held;
      });
      await isLocked;
      const second = reads.fork();
      enterSchool(second, school);
      const waiting = second.transactional((tx) => new MikroOrmThreadRepository(tx).byId(id));
      expect(await Promise.race([waiting.then(() => 'read'), new Promise((resolve) => setTimeout(() => resolve('waited'), 500))])).toBe('waited');
      release();
      await holding;
      expect((await waiting)?.id).toBe(id);
    });

    it('DIRECT_THREAD_BETWEEN (ThreadRepository.directBetween) finds what a filter over the entity reads finds', async () => {
      const directs = await reads.find(ThreadSchema, { kind: 'direct' }, { disableIdentityMap: true, orderBy: { createdAt: 'asc', id: 'asc' } });
      const withPeople = await Promise.all(directs.map((t) => entityThread(t.id)));
      const repo = new MikroOrmThreadRepository(reads);
      const pairs: [UserId, UserId][] = [[who[0], who[1]], [who[1], who[0]], [who[0], who[2]], [who[2], who[0]], [who[1], who[2]], [who[0], who[3]], [who[3], who[1]]];
      const found: (string | null)[] = [];
      for (const [a, b] of pairs) {
        const expected = withPeople.find((t) => t && t.participantIds.length === 2 && t.participantIds.includes(a) && t.participantIds.includes(b)) ?? null;
        const actual = (await repo.directBetween(a, b))?.snapshot() ?? null;
        expect(actual).toEqual(expected);
        found.push(actual?.id ?? null);
      }
      // The earliest of the two private threads of who[0] and who[1], from either side; a family thread is not private.
      expect(found).toEqual([threadIds['first direct'], threadIds['first direct'], threadIds['direct with 2'], threadIds['direct with 2'], null, null, null]);
    });

    it('UNREAD_COUNTS (MessageRepository.unreadCounts) counts what the entity reads count', async () => {
      const all = await entityMessages();
      const repo = new MikroOrmMessageRepository(reads);
      const marks = [
        { threadId: threadIds['first direct'], afterSeq: 1 },
        { threadId: threadIds['group'], afterSeq: 0 },
        { threadId: threadIds['direct with 2'], afterSeq: 1 },
        { threadId: threadIds['family'], afterSeq: 0 },
        { threadId: threadIds['elsewhere'], afterSeq: 0 },
      ];
      for (const reader of who) {
        const expected = new Map(marks.map((m) => [m.threadId, all.filter((x) => x.threadId === m.threadId && x.seq > m.afterSeq && x.authorId !== reader).length]));
        expect(await repo.unreadCounts(reader, marks)).toEqual(expected);
      }
      expect(await repo.unreadCounts(who[2], marks)).toEqual(
        new Map([
          [threadIds['first direct'], 2],
          [threadIds['group'], 1],
          [threadIds['direct with 2'], 0],
          [threadIds['family'], 0],
          [threadIds['elsewhere'], 0],
        ]),
      );
    });

    it('SEARCH_MESSAGES (MessageRepository.search) finds what a filter over the entity reads finds, on the current wording only', async () => {
      const all = await entityMessages();
      const repo = new MikroOrmMessageRepository(reads);
      const everyThread = Object.values(threadIds);
      const cases: [ThreadId[], string, number][] = [
        [everyThread, 'bach', 10],
        [everyThread, 'BACH', 1],
        [everyThread, '100%', 10],
        [everyThread, 'd_t', 10],
        [everyThread, 'ed_to', 10],
        [everyThread, 'rehearsal', 10],
        [everyThread, 'partita', 10],
        [[threadIds['group']], 'a', 10],
        [[], 'bach', 10],
      ];
      for (const [threads, text, limit] of cases) {
        const expected = all
          .filter((m) => threads.includes(m.threadId as ThreadId) && m.versions[m.versions.length - 1].body.toLowerCase().includes(text.toLowerCase()))
          .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.seq - a.seq)
          .slice(0, limit)
          .map((m) => m.id);
        expect({ text, found: (await repo.search(threads, text, limit)).map((m) => m.id) }).toEqual({ text, found: expected });
      }
      expect((await repo.search(everyThread, 'bach', 10)).map((m) => m.snapshot().versions.at(-1)?.body)).toEqual(['Which Bach? The partita?', 'Bring the Bach']);
    });

    it('SCHOOLS_WITH_THREADS (ThreadRetention.schoolsWithThreadsAcrossSchools) lists the schools the entity reads across schools find', async () => {
      const rows = await reads.find(ThreadSchema, {}, { disableIdentityMap: true, ...ACROSS_SCHOOLS });
      const expected = [...new Set(rows.map((r) => r.schoolId))].sort();
      expect(await new MikroOrmThreadRetention(reads).schoolsWithThreadsAcrossSchools()).toEqual(expected);
      expect(expected).toEqual(expect.arrayContaining([school, schoolId]));
    });
  });

  describe('the statements that only take locks or set the transaction', () => {
    it('LOCK_ATTACHMENT_BYTES (AttachmentRepository.lockBytes) holds the same bytes of the same school until the unit ends, and nothing else', async () => {
      const { schoolId: otherSchool } = await freshSchool(db.orm, 1);
      const sha = 'a'.repeat(64);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = db.orm.em.fork();
      enterSchool(holder, schoolId);
      const holding = holder.transactional(async (tx) => {
        await new MikroOrmAttachmentRepository(tx).lockBytes(sha);
        locked();
        await held;
      });
      await isLocked;
      const lockIn = (school: SchoolId, bytes: string) => {
        const fork = db.orm.em.fork();
        enterSchool(fork, school);
        return fork.transactional((tx) => new MikroOrmAttachmentRepository(tx).lockBytes(bytes)).then(() => 'locked');
      };
      const timeout = () => new Promise((resolve) => setTimeout(() => resolve('waited'), 500));
      expect(await Promise.race([lockIn(schoolId, 'b'.repeat(64)), timeout()])).toBe('locked');
      expect(await Promise.race([lockIn(otherSchool, sha), timeout()])).toBe('locked');
      const same = lockIn(schoolId, sha);
      expect(await Promise.race([same, timeout()])).toBe('waited');
      release();
      await holding;
      expect(await same).toBe('locked');
      await expect(new MikroOrmAttachmentRepository(em).lockBytes(sha)).rejects.toThrow('runs inside a unit of work');
    });

    it('BEGIN_MESSAGING_PURGE lets only its own transaction remove versions, until END_MESSAGING_PURGE', async () => {
      const threads = new MikroOrmThreadRepository(em);
      const thread = Thread.create({ schoolId, kind: 'group', subject: 'Purged', createdBy: people[0], participantIds: [people[1]], now: new Date('2027-01-12T09:00:00Z') });
      await threads.add(thread);
      const message = Message.create({ schoolId, threadId: thread.id, authorId: people[0], seq: thread.nextSeq(new Date('2027-01-12T09:01:00Z')), body: 'Kept', now: new Date('2027-01-12T09:01:00Z') });
      await new MikroOrmMessageRepository(em).add(message);
      const removeVersions = (tx: EntityManager) => tx.nativeDelete(MessageVersionSchema, { messageId: message.id });
      const undo = new Error('undo');
      await expect(em.transactional((tx) => removeVersions(tx))).rejects.toThrow(/append-only \(DELETE refused\)/);
      await expect(
        em.transactional(async (tx) => {
          await acrossSchoolsRows(tx, BEGIN_MESSAGING_PURGE, []);
          expect(await removeVersions(tx)).toBe(1);
          throw undo;
        }),
      ).rejects.toBe(undo);
      await expect(
        em.transactional(async (tx) => {
          await acrossSchoolsRows(tx, BEGIN_MESSAGING_PURGE, []);
          await acrossSchoolsRows(tx, END_MESSAGING_PURGE, []);
          await removeVersions(tx);
        }),
      ).rejects.toThrow(/append-only \(DELETE refused\)/);
      // The setting was the transaction's own: the next one is refused again, and the version is still there.
      await expect(em.transactional((tx) => removeVersions(tx))).rejects.toThrow(/append-only \(DELETE refused\)/);
      expect((await new MikroOrmMessageRepository(em).byId(message.id))?.snapshot().versions.map((v) => v.body)).toEqual(['Kept']);
    });
  });
  describe("notifications' statements (the delivery log's claims and sends are held by its contract suite, notifications.integration.spec.ts)", () => {
    let school: SchoolId;
    let who: UserId[];
    let nem: EntityManager;
    const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 8, minute, 0, minute * 7));

    beforeAll(async () => {
      ({ em: nem, schoolId: school, userIds: who } = await freshSchool(db.orm, 3));
    }, 60_000);

    const entry = (userId: UserId, sourceKey: string, minute: number): FeedEntry => ({
      id: newId(),
      schoolId: school,
      userId,
      kind: 'message.received',
      sourceKey,
      title: `About ${sourceKey}`,
      body: 'Something happened',
      link: sourceKey.endsWith('2') ? null : `/messages/${sourceKey}`,
      createdAt: at(minute),
      readAt: null,
    });

    it('FEED_ADD and FEED_UNREAD_BY_PERSON (NotificationFeed.add, addMany) store each entry once and announce it with what the entity reads count', async () => {
      const feed = new PgNotificationFeed(nem, new OutboxWriter(nem));
      const first = [entry(who[0], 'a1', 1), entry(who[0], 'a2', 2), entry(who[1], 'a1', 3)];
      expect(await feed.addMany(first)).toBe(3);
      expect(await feed.markRead(who[0], [first[0].id], at(3))).toBe(1);
      // Again, with one new cause among the old ones: only the new one is added (and counts only what is unread); a single add of an old one adds nothing.
      expect(await feed.addMany([entry(who[0], 'a1', 4), entry(who[0], 'a4', 5)])).toBe(1);
      expect(await feed.add(entry(who[0], 'a2', 6))).toBe(false);
      expect(await feed.add(entry(who[2], 'a1', 7))).toBe(true);
      const stored = await nem.find(NotificationSchema, {}, { disableIdentityMap: true, orderBy: { createdAt: 'asc' } });
      expect(stored.map((r) => [r.userId, r.sourceKey, r.title, r.link, r.createdAt.toISOString(), r.readAt?.toISOString() ?? null])).toEqual(
        [...first, entry(who[0], 'a4', 5), entry(who[2], 'a1', 7)].map((e, i) => [e.userId, e.sourceKey, e.title, e.link, e.createdAt.toISOString(), i === 0 ? at(3).toISOString() : null]),
      );
      const announced = await nem
        .getConnection()
        .execute<{ payload: { notificationId: string; userId: string; unreadCount: number } }[]>(
          `select payload from outbox_events where school_id = ? and type = 'notification.created.v1' order by occurred_at`,
          [school],
        );
      expect(announced.map((e) => [e.payload.notificationId, e.payload.userId])).toEqual(stored.map((r) => [r.id, r.userId]));
      // Each announcement carries the unread count the entity reads give once its batch was in.
      expect(announced.map((e) => e.payload.unreadCount)).toEqual([2, 2, 1, 2, 1]);
      for (const person of who) expect((await feed.page(person, { limit: 10 })).unreadCount).toBe(await nem.count(NotificationSchema, { userId: person, readAt: null }));
    });

    it('LARGEST_REMINDER_OFFSET (NotificationPreferenceStore.largestReminderOffset) is the largest of the offsets the entity reads give', async () => {
      const prefs = new PgNotificationPreferences(nem);
      const largest = async () => {
        const rows = await nem.find(NotificationPreferenceSchema, {}, { disableIdentityMap: true });
        const all = rows.flatMap((r) => r.reminderOffsets ?? []);
        return all.length === 0 ? null : Math.max(...all);
      };
      expect(await prefs.largestReminderOffset()).toBe(await largest());
      expect(await prefs.largestReminderOffset()).toBeNull();
      const state = (userId: UserId, reminderOffsets: number[] | null) => ({ userId, schoolId: school, email: { ...DEFAULT_EMAIL, 'message.received': false }, quietHours: null, timeZone: 'Europe/London', reminderOffsets });
      await prefs.save(state(who[0], [30, 1440]));
      await prefs.save(state(who[1], null));
      await prefs.save(state(who[2], [60, 2880, 15]));
      expect(await prefs.largestReminderOffset()).toBe(await largest());
      expect(await prefs.largestReminderOffset()).toBe(2880);
      expect((await prefs.of(who[2]))?.reminderOffsets).toEqual([60, 2880, 15]);
    });

    const plan = (key: string, recipientId: UserId, minute: number, extra: Partial<DeliveryPlan> = {}): DeliveryPlan => ({
      key,
      schoolId: school,
      recipientId,
      kind: 'lesson.reminder',
      channel: 'email',
      status: 'queued',
      reason: null,
      dueAt: at(minute),
      lessonId: null,
      offsetMinutes: 60,
      sourceKey: `source:${key}`,
      feed: { title: `Reminder ${key}`, body: 'Your lesson', link: '/lessons' },
      email: { to: 'someone@example.test', subject: `Reminder ${key}`, text: 'Your lesson', html: '<p>Your lesson</p>' },
      ...extra,
    });

    it('DELIVERIES_PLAN (DeliveryLog.plan) stores each key once, as the entity reads give it back', async () => {
      const log = new PgDeliveryLog(nem);
      const lessonId = newId();
      const plans = [plan('p1', who[0], 10, { lessonId }), plan('p2', who[1], 11, { lessonId, channel: 'in_app', email: null, status: 'sent' }), plan('p3', who[2], 12, { lessonId, status: 'skipped', reason: 'quiet' })];
      expect((await log.plan(plans)).map((p) => p.key)).toEqual(['p1', 'p2', 'p3']);
      expect((await log.plan([plan('p1', who[0], 20, { lessonId }), plan('p4', who[0], 21, { lessonId })])).map((p) => p.key)).toEqual(['p4']);
      const rows = await nem.find(DeliverySchema, { lessonId }, { disableIdentityMap: true, orderBy: { key: 'asc' } });
      expect(rows.map((r) => ({ key: r.key, recipientId: r.recipientId, type: r.type, channel: r.channel, status: r.status, reason: r.reason, dueAt: r.dueAt, sentAt: r.sentAt, lessonId: r.lessonId, offsetMinutes: r.offsetMinutes, sourceKey: r.sourceKey, feed: r.feed, email: r.email, attempts: r.attempts }))).toEqual(
        [...plans, plan('p4', who[0], 21, { lessonId })].map((p) => ({
          key: p.key,
          recipientId: p.recipientId,
          type: p.kind,
          channel: p.channel,
          status: p.status,
          reason: p.reason,
          dueAt: p.dueAt,
          sentAt: p.status === 'sent' ? p.dueAt : null,
          lessonId: p.lessonId,
          offsetMinutes: p.offsetMinutes,
          sourceKey: p.sourceKey,
          feed: p.feed,
          email: p.email,
          attempts: 0,
        })),
      );
      expect((await log.ofLesson(lessonId)).map((d) => d.key).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    });

    it('DELIVERY_LOG_PAGE (DeliveryLog.list) pages through what the entity reads give, newest change first, by millisecond and key', async () => {
      const log = new PgDeliveryLog(nem);
      // Three changes in one millisecond (apart below it, the later on the smaller key), so their order falls to the keys.
      const keys = ['k-b', 'k-a', 'K-c', 'k-d', 'k_e'];
      await log.plan(keys.map((key, i) => plan(key, who[i % 2], 30 + i)));
      for (const [i, key] of keys.entries()) {
        await nem.getConnection().execute(`update notification_deliveries set updated_at = ?::timestamptz + make_interval(secs => ?) where key = ?`, [i < 3 ? at(40) : at(41 + i), i < 3 ? i * 0.0001 : 0, key]);
      }
      const rows = await nem.find(DeliverySchema, {}, { disableIdentityMap: true });
      const ms = (d: Date) => Math.floor(d.getTime());
      const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
      const expected = (filter: (r: (typeof rows)[number]) => boolean) =>
        rows
          .filter(filter)
          .sort((a, b) => ms(b.updatedAt) - ms(a.updatedAt) || bytes(b.key, a.key))
          .map((r) => r.key);
      for (const [query, filter] of [
        [{}, () => true],
        [{ status: 'queued' as const }, (r: (typeof rows)[number]) => r.status === 'queued'],
        [{ recipientId: who[1] }, (r: (typeof rows)[number]) => r.recipientId === who[1]],
      ] as const) {
        const pages: string[] = [];
        let before: { updatedAt: Date; key: string } | undefined;
        for (;;) {
          const page = await log.list({ ...query, limit: 2, before });
          pages.push(...page.map((d) => d.key));
          if (page.length < 2) break;
          const last = page[page.length - 1];
          before = { updatedAt: last.updatedAt, key: last.key };
        }
        expect(pages).toEqual(expected(filter));
      }
    });
  });
});
