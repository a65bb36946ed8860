import { enterSchool } from '@cadenza/server/platform/db';
import { Message, Thread } from '@cadenza/server/messaging/domain';
import { contextSpecParts, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { ThreadId } from '@cadenza/server/messaging/domain';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { messagingPersistence } from './messaging-persistence.module.js';

describe('messaging tables on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(messagingPersistence), 2);
  const schoolId = newId<SchoolId>();
  const [teacher, student, parent] = [newId<UserId>(), newId<UserId>(), newId<UserId>()];
  let message: Message;
  let thread: Thread;

  beforeAll(async () => {
    await withClient(db.url, async (sql) => {
      await sql.query('insert into schools (id, name) values ($1, $2)', [schoolId, 'School']);
      await sql.query('insert into users (id, school_id, name) values ($1, $3, $4), ($2, $3, $5), ($6, $3, $7)', [teacher, student, schoolId, 'Teacher', 'Student', parent, 'Parent']);
    });
    const em = db.orm.em.fork();
    enterSchool(em, schoolId);
    const threads = new MikroOrmThreadRepository(em);
    const messages = new MikroOrmMessageRepository(em);
    const now = new Date('2026-03-02T09:00:00Z');
    thread = Thread.create({ schoolId, kind: 'direct', createdBy: teacher, participantIds: [student], now });
    await threads.add(thread);
    message = Message.create({ schoolId, threadId: thread.id, authorId: teacher, seq: thread.nextSeq(now), body: 'Practise 100% of the scales_', now });
    await messages.add(message);
    await threads.update(thread);
    const version = message.edit(teacher, 'Practise the scales', new Date('2026-03-02T09:05:00Z'));
    if (version) await messages.addVersion(message.id, version);
  }, 60_000);

  it('keeps message_versions append-only: updates, deletes and truncates are refused', async () => {
    await withClient(db.url, async (sql) => {
      await expect(sql.query(`update message_versions set body = 'rewritten' where message_id = $1`, [message.id])).rejects.toThrow(/append-only \(UPDATE refused\)/);
      await expect(sql.query(`delete from message_versions where message_id = $1`, [message.id])).rejects.toThrow(/append-only \(DELETE refused\)/);
      await expect(sql.query(`truncate message_versions cascade`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
      const { rows } = await sql.query<{ version: number; body: string }>(`select version, body from message_versions where message_id = $1 order by version`, [message.id]);
      expect(rows).toEqual([
        { version: 1, body: 'Practise 100% of the scales_' },
        { version: 2, body: 'Practise the scales' },
      ]);
    });
  });

  it('numbers messages uniquely per thread', async () => {
    await withClient(db.url, async (sql) => {
      await expect(
        sql.query(`insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values ($1, $2, $3, $4, 1, now())`, [newId(), schoolId, thread.id, student]),
      ).rejects.toThrow(/duplicate key/);
    });
  });

  it('reads threads and messages back, with every version, unread counts and search on the current wording', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schoolId);
    const threads = new MikroOrmThreadRepository(em);
    const messages = new MikroOrmMessageRepository(em);
    const back = await threads.byId(thread.id);
    expect(back?.snapshot()).toEqual(thread.snapshot());
    expect((await threads.ofParticipant(student)).map((t) => t.id)).toEqual([thread.id]);
    const [read] = await messages.ofThread(thread.id);
    expect(read.snapshot()).toEqual(message.snapshot());
    expect(await messages.unreadCounts(student, [{ threadId: thread.id, afterSeq: 0 }])).toEqual(new Map([[thread.id, 1]]));
    expect(await messages.unreadCounts(teacher, [{ threadId: thread.id, afterSeq: 0 }])).toEqual(new Map([[thread.id, 0]]));
    expect((await messages.search([thread.id], 'THE SCALES', 10)).map((m) => m.id)).toEqual([message.id]);
    // Only the current wording is searched, and % and _ are matched as themselves.
    expect(await messages.search([thread.id], '100%', 10)).toEqual([]);
    expect(await messages.search([thread.id], 'p_actise', 10)).toEqual([]);
    expect(await messages.countSentSince(teacher, new Date('2026-03-02T08:59:00Z'))).toBe(1);
  });

  it('writes a thread’s participants when they change, and leaves their rows alone when only its counters do', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schoolId);
    const threads = new MikroOrmThreadRepository(em);
    const group = Thread.create({ schoolId, kind: 'group', subject: 'Duet', createdBy: teacher, participantIds: [student], now: new Date('2026-03-03T09:00:00Z') });
    await threads.add(group);
    // Row versions (xmin) of the participant rows: a rewrite of any row changes its version.
    const versions = () =>
      withClient(db.url, async (sql) => (await sql.query<{ user_id: string; position: number; xmin: string }>('select user_id, position, xmin::text from message_thread_participants where thread_id = $1 order by position', [group.id])).rows);
    const before = await versions();

    const read = (await threads.byId(group.id)) as Thread;
    read.nextSeq(new Date('2026-03-03T09:05:00Z'));
    await threads.update(read);
    expect(await versions()).toEqual(before);

    const again = (await threads.byId(group.id)) as Thread;
    again.add(parent);
    await threads.update(again);
    const after = await versions();
    expect(after.map((r) => [r.user_id, r.position])).toEqual([[teacher, 0], [student, 1], [parent, 2]]);
    expect(after.slice(0, 2)).toEqual(before);

    const last = (await threads.byId(group.id)) as Thread;
    last.remove(student);
    await threads.update(last);
    expect((await versions()).map((r) => [r.user_id, r.position])).toEqual([[teacher, 0], [parent, 1]]);
  });

  it("reads threads' participants in one go, without waiting for a post's lock on the thread", async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schoolId);
    const threads = new MikroOrmThreadRepository(em);
    const unknown = newId<ThreadId>();
    expect(await threads.participantsOf([thread.id, unknown, thread.id])).toEqual(new Map([[thread.id, thread.participantIds]]));
    expect(await threads.participantsOf([])).toEqual(new Map());
    // A post holds the thread's row lock until it commits; the relay, reading the audience in its own transaction, must not wait.
    const posting = db.orm.em.fork();
    enterSchool(posting, schoolId);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const post = posting.transactional(async (tx) => {
      expect(await new MikroOrmThreadRepository(tx).byId(thread.id)).not.toBeNull();
      locked();
      await held;
    });
    await isLocked;
    try {
      const relay = db.orm.em.fork();
      enterSchool(relay, schoolId);
      const read = relay.transactional((tx) => new MikroOrmThreadRepository(tx).participantsOf([thread.id]));
      const outcome = await Promise.race([read, new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2_000))]);
      expect(outcome).toEqual(new Map([[thread.id, thread.participantIds]]));
    } finally {
      release();
      await post;
    }
    // Another school's threads are not there.
    const elsewhere = db.orm.em.fork();
    enterSchool(elsewhere, newId<SchoolId>());
    expect(await new MikroOrmThreadRepository(elsewhere).participantsOf([thread.id])).toEqual(new Map());
  });

  it('scopes reads to the school in force', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, newId<SchoolId>());
    expect(await new MikroOrmThreadRepository(em).byId(thread.id)).toBeNull();
    expect(await new MikroOrmMessageRepository(em).byId(message.id)).toBeNull();
  });
});
