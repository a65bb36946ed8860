import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DeferredWrites, OutboxWriter, currentSchool } from '@cadenza/server/platform/db';
import { DomainError, asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import {
  Attachment,
  AttachmentRepository,
  DEFAULT_MESSAGING_POLICY,
  FlagRepository,
  Message,
  MessageFlag,
  MessageRepository,
  MessagingEvents,
  MessagingPolicies,
  ReadReceiptRepository,
  Thread,
  ThreadRepository,
  ThreadRetention,
  type AttachmentId,
  type FlagId,
  type MessageId,
  type MessageVersion,
  type MessagingEvent,
  type MessagingPolicy,
  type PurgedThread,
  type ReadReceipt,
  type ThreadId,
  type ThreadKind,
} from '@cadenza/server/messaging/domain';
import { FlagSchema, type FlagRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;
/** A PostgreSQL array literal, passed as one parameter (an array would be spread into a list). */
const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
const date = (value: Date | string) => new Date(value);

interface RawThread {
  id: string;
  school_id: string;
  kind: string;
  subject: string | null;
  created_by: string;
  created_at: Date | string;
  last_seq: number;
  last_message_at: Date | string | null;
  lead_oversight: boolean;
}
interface RawMessage {
  id: string;
  school_id: string;
  thread_id: string;
  author_id: string;
  seq: number;
  sent_at: Date | string;
}
interface RawVersion {
  message_id: string;
  version: number;
  body: string;
  at: Date | string;
}
interface RawReceipt {
  thread_id: string;
  user_id: string;
  last_read_seq: number;
  read_at: Date | string;
}

/**
 * Threads with their participants (a row each, in the order they joined). Reads are plain SQL
 * scoped to the school in force; `byId` inside a unit of work locks the thread's row, so two
 * posts to one thread take their `seq` one after the other, and reads the row and its
 * participants in one statement. `update` writes the participants only when they differ from
 * what was read: a post changes the thread's counters, not its people. Inside a unit of work the
 * thread's row is written with the unit's other held writes (`DeferredWrites`), in one round trip
 * at its end, so a post holds the thread's lock for as few round trips as possible.
 */
@Injectable()
export class MikroOrmThreadRepository extends ThreadRepository {
  /** The participants each thread read here had then, in order. */
  private readonly readParticipants = new WeakMap<Thread, string>();

  constructor(
    private readonly em: EntityManager,
    private readonly writes: DeferredWrites = new DeferredWrites(em),
  ) {
    super();
  }

  async add(thread: Thread): Promise<void> {
    const s = thread.snapshot();
    await this.em.execute(
      `insert into message_threads (id, school_id, kind, subject, created_by, created_at, last_seq, last_message_at, lead_oversight)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.schoolId, s.kind, s.subject, s.createdBy, s.createdAt, s.lastSeq, s.lastMessageAt, s.leadOversight],
    );
    await this.writeParticipants(s.id, s.schoolId, s.participantIds);
  }

  async update(thread: Thread): Promise<void> {
    const s = thread.snapshot();
    await this.writes.insert(`update message_threads set subject = ?, last_seq = ?, last_message_at = ?, lead_oversight = ? where id = ? and school_id = ?`, [
      s.subject,
      s.lastSeq,
      s.lastMessageAt,
      s.leadOversight,
      s.id,
      currentSchool(this.em),
    ]);
    if (this.readParticipants.get(thread) === s.participantIds.join(',')) return;
    // Behind the held writes (the thread's row among them), in the order asked for.
    await this.writes.executeWithHeld(`delete from message_thread_participants where thread_id = ? and school_id = ? and not (user_id = any(?::uuid[]))`, [
      s.id,
      currentSchool(this.em),
      pgArray(s.participantIds),
    ]);
    await this.writeParticipants(s.id, s.schoolId, s.participantIds);
  }

  private async writeParticipants(threadId: string, schoolId: string, participantIds: readonly string[]): Promise<void> {
    if (participantIds.length === 0) return;
    await this.writes.executeWithHeld(
      `insert into message_thread_participants (thread_id, user_id, school_id, position)
       select ?, p.user_id, ?, p.position::int - 1 from unnest(?::uuid[]) with ordinality as p(user_id, position)
       on conflict (thread_id, user_id) do update set position = excluded.position
         where message_thread_participants.position is distinct from excluded.position`,
      [threadId, schoolId, pgArray(participantIds)],
    );
  }

  async byId(id: ThreadId): Promise<Thread | null> {
    const lock = this.em.isInTransaction() ? ' for update of t' : '';
    const rows = await this.em.execute<(RawThread & { participant_ids: string[] | string })[]>(
      `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id order by p.position) as participant_ids
         from message_threads t where t.id = ? and t.school_id = ?${lock}`,
      [id, currentSchool(this.em)],
    );
    if (rows.length === 0) return null;
    const { participant_ids: participants, ...row } = rows[0];
    return this.restore(row, (Array.isArray(participants) ? participants : participants.replace(/[{}]/g, '').split(',').filter(Boolean)).map((p) => asId<UserId>(p)));
  }

  async participantsOf(ids: readonly ThreadId[]): Promise<Map<ThreadId, UserId[]>> {
    const found = new Map<ThreadId, UserId[]>();
    if (ids.length === 0) return found;
    // No lock, inside a unit of work or not: the relay reads these in its transaction, and a post to the thread
    // takes the thread's row lock (`byId`) to number its message.
    const rows = await this.em.execute<{ thread_id: string; user_id: string }[]>(
      `select p.thread_id, p.user_id from message_thread_participants p
        where p.school_id = ? and p.thread_id = any(?::uuid[])
        order by p.thread_id, p.position`,
      [currentSchool(this.em), pgArray([...new Set(ids)])],
    );
    for (const row of rows) {
      const id = asId<ThreadId>(row.thread_id);
      const participants = found.get(id);
      if (participants) participants.push(asId<UserId>(row.user_id));
      else found.set(id, [asId<UserId>(row.user_id)]);
    }
    return found;
  }

  async ofParticipant(userId: UserId): Promise<Thread[]> {
    const rows = await this.em.execute<RawThread[]>(
      `select t.* from message_threads t
         join message_thread_participants p on p.thread_id = t.id
        where p.school_id = ? and p.user_id = ?
        order by coalesce(t.last_message_at, t.created_at) desc, t.id`,
      [currentSchool(this.em), userId],
    );
    return this.withParticipants(rows);
  }

  async underOversight(): Promise<Thread[]> {
    const rows = await this.em.execute<RawThread[]>(
      `select t.* from message_threads t where t.school_id = ? and t.lead_oversight order by coalesce(t.last_message_at, t.created_at) desc, t.id`,
      [currentSchool(this.em)],
    );
    return this.withParticipants(rows);
  }

  private async withParticipants(rows: RawThread[]): Promise<Thread[]> {
    if (rows.length === 0) return [];
    const people = await this.em.execute<{ thread_id: string; user_id: string }[]>(
      `select thread_id, user_id from message_thread_participants where thread_id = any(?::uuid[]) and school_id = ? order by thread_id, position`,
      [pgArray(rows.map((r) => r.id)), currentSchool(this.em)],
    );
    const byThread = new Map<string, UserId[]>();
    for (const p of people) {
      const list = byThread.get(p.thread_id);
      if (list) list.push(asId<UserId>(p.user_id));
      else byThread.set(p.thread_id, [asId<UserId>(p.user_id)]);
    }
    return rows.map((r) => this.restore(r, byThread.get(r.id) ?? []));
  }

  /** A thread from its row and participants, remembering the participants as read (see `update`). */
  private restore(r: RawThread, participantIds: UserId[]): Thread {
    const thread = Thread.restore({
      id: asId<ThreadId>(r.id),
      schoolId: asId<SchoolId>(r.school_id),
      kind: r.kind as ThreadKind,
      subject: r.subject,
      participantIds,
      createdBy: asId<UserId>(r.created_by),
      createdAt: date(r.created_at),
      lastSeq: Number(r.last_seq),
      lastMessageAt: r.last_message_at === null ? null : date(r.last_message_at),
      leadOversight: r.lead_oversight,
    });
    this.readParticipants.set(thread, participantIds.join(','));
    return thread;
  }
}

/**
 * Messages and their versions; both only ever inserted (the database refuses changes to versions). Inside a unit
 * of work the inserts are held and sent with its other held writes (`DeferredWrites`), at its end.
 */
@Injectable()
export class MikroOrmMessageRepository extends MessageRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly writes: DeferredWrites = new DeferredWrites(em),
  ) {
    super();
  }

  async add(message: Message): Promise<void> {
    const s = message.snapshot();
    await this.writes.insert(`insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values (?, ?, ?, ?, ?, ?)`, [s.id, s.schoolId, s.threadId, s.authorId, s.seq, s.sentAt]);
    for (const version of s.versions) await this.insertVersion(s.id, s.schoolId, version);
  }

  async addVersion(messageId: MessageId, version: MessageVersion): Promise<void> {
    await this.insertVersion(messageId, currentSchool(this.em), version);
  }

  private async insertVersion(messageId: string, schoolId: string, version: MessageVersion): Promise<void> {
    await this.writes.insert(`insert into message_versions (message_id, version, school_id, body, at) values (?, ?, ?, ?, ?)`, [messageId, version.version, schoolId, version.body, version.at]);
  }

  async byId(id: MessageId): Promise<Message | null> {
    const rows = await this.em.execute<RawMessage[]>(`select * from messages where id = ? and school_id = ?`, [id, currentSchool(this.em)]);
    return (await this.withVersions(rows))[0] ?? null;
  }

  async ofThread(threadId: ThreadId, page: { beforeSeq?: number; limit?: number } = {}): Promise<Message[]> {
    const params: unknown[] = [threadId, currentSchool(this.em)];
    let sql = `select * from messages where thread_id = ? and school_id = ?`;
    if (page.beforeSeq !== undefined) {
      sql += ' and seq < ?';
      params.push(page.beforeSeq);
    }
    sql += ' order by seq desc';
    if (page.limit !== undefined) {
      sql += ' limit ?';
      params.push(page.limit);
    }
    const rows = await this.em.execute<RawMessage[]>(sql, params);
    return (await this.withVersions(rows)).reverse();
  }

  async countSentSince(authorId: UserId, since: Date): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from messages where school_id = ? and author_id = ? and sent_at >= ?`, [
      currentSchool(this.em),
      authorId,
      since,
    ]);
    return Number(row?.n ?? 0);
  }

  async unreadCounts(readerId: UserId, marks: readonly { threadId: ThreadId; afterSeq: number }[]): Promise<Map<ThreadId, number>> {
    const out = new Map<ThreadId, number>(marks.map((m) => [m.threadId, 0]));
    if (marks.length === 0) return out;
    const rows = await this.em.execute<{ thread_id: string; n: string }[]>(
      `select m.thread_id, count(*)::text as n
         from unnest(?::uuid[], ?::int[]) as k(thread_id, after_seq)
         join messages m on m.thread_id = k.thread_id and m.seq > k.after_seq
        where m.school_id = ? and m.author_id <> ?
        group by m.thread_id`,
      [pgArray(marks.map((m) => m.threadId)), pgArray(marks.map((m) => m.afterSeq)), currentSchool(this.em), readerId],
    );
    for (const row of rows) out.set(asId<ThreadId>(row.thread_id), Number(row.n));
    return out;
  }

  async search(threadIds: readonly ThreadId[], text: string, limit: number): Promise<Message[]> {
    if (threadIds.length === 0) return [];
    const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows = await this.em.execute<RawMessage[]>(
      `select m.* from messages m
         join lateral (select v.body from message_versions v where v.message_id = m.id order by v.version desc limit 1) cur on true
        where m.school_id = ? and m.thread_id = any(?::uuid[]) and cur.body ilike ? escape '!'
        order by m.sent_at desc, m.seq desc
        limit ?`,
      [currentSchool(this.em), pgArray(threadIds), pattern, limit],
    );
    return this.withVersions(rows);
  }

  private async withVersions(rows: RawMessage[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    const versions = await this.em.execute<RawVersion[]>(
      `select message_id, version, body, at from message_versions where message_id = any(?::uuid[]) and school_id = ? order by message_id, version`,
      [pgArray(rows.map((r) => r.id)), currentSchool(this.em)],
    );
    const byMessage = new Map<string, MessageVersion[]>();
    for (const v of versions) byMessage.set(v.message_id, [...(byMessage.get(v.message_id) ?? []), { version: Number(v.version), body: v.body, at: date(v.at) }]);
    return rows.map((r) =>
      Message.restore({
        id: asId<MessageId>(r.id),
        schoolId: asId<SchoolId>(r.school_id),
        threadId: asId<ThreadId>(r.thread_id),
        authorId: asId<UserId>(r.author_id),
        seq: Number(r.seq),
        sentAt: date(r.sent_at),
        versions: byMessage.get(r.id) ?? [],
      }),
    );
  }
}

const toReceipt = (r: RawReceipt): ReadReceipt => ({
  threadId: asId<ThreadId>(r.thread_id),
  userId: asId<UserId>(r.user_id),
  lastReadSeq: Number(r.last_read_seq),
  readAt: date(r.read_at),
});

/** Read receipts; inside a unit of work a receipt is written with its other held writes (`DeferredWrites`), at its end. */
@Injectable()
export class MikroOrmReadReceiptRepository extends ReadReceiptRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly writes: DeferredWrites = new DeferredWrites(em),
  ) {
    super();
  }
  async save(receipt: ReadReceipt): Promise<void> {
    await this.writes.insert(
      `insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values (?, ?, ?, ?, ?)
       on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq, read_at = excluded.read_at`,
      [receipt.threadId, receipt.userId, currentSchool(this.em), receipt.lastReadSeq, receipt.readAt],
    );
  }
  async ofThread(threadId: ThreadId): Promise<ReadReceipt[]> {
    const rows = await this.em.execute<RawReceipt[]>(`select * from message_read_receipts where thread_id = ? and school_id = ? order by user_id`, [threadId, currentSchool(this.em)]);
    return rows.map(toReceipt);
  }
  async ofReader(userId: UserId, threadIds: readonly ThreadId[]): Promise<ReadReceipt[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.em.execute<RawReceipt[]>(`select * from message_read_receipts where school_id = ? and user_id = ? and thread_id = any(?::uuid[])`, [
      currentSchool(this.em),
      userId,
      pgArray(threadIds),
    ]);
    return rows.map(toReceipt);
  }
}

const toFlag = (row: FlagRow) =>
  MessageFlag.restore({
    id: asId<FlagId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    threadId: asId<ThreadId>(row.threadId),
    messageId: asId<MessageId>(row.messageId),
    messageVersion: row.messageVersion,
    flaggedBy: asId<UserId>(row.flaggedBy),
    reason: row.reason,
    createdAt: date(row.createdAt),
  });

@Injectable()
export class MikroOrmFlagRepository extends FlagRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(flag: MessageFlag): Promise<void> {
    try {
      await this.em.insert(FlagSchema, flag.snapshot());
    } catch (error) {
      // Two identical flags sent at the same moment: one is kept, the other is told so.
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('MESSAGING.ALREADY_FLAGGED', 'conflict', 'You have already flagged this message.');
      }
      throw error;
    }
  }
  async byId(id: FlagId): Promise<MessageFlag | null> {
    const row = await this.em.findOne(FlagSchema, { id }, NO_MAP);
    return row ? toFlag(row) : null;
  }
  async list(filter: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId } = {}): Promise<MessageFlag[]> {
    const where: Record<string, string> = {};
    if (filter.threadId) where['threadId'] = filter.threadId;
    if (filter.messageId) where['messageId'] = filter.messageId;
    if (filter.flaggedBy) where['flaggedBy'] = filter.flaggedBy;
    const rows = await this.em.find(FlagSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc', id: 'desc' }, limit: 1000 });
    return rows.map(toFlag);
  }
}

/**
 * The school's messaging policy, kept by messaging: the defaults until the school chooses otherwise.
 * The app's `MessagingDirectory` answers `schoolPolicy()` from it.
 */
@Injectable()
export class MikroOrmMessagingPolicies extends MessagingPolicies {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async current(): Promise<MessagingPolicy> {
    const [row] = await this.em.execute<{ minor_threads: string; retention_days: number; max_attachment_bytes: number }[]>(
      `select minor_threads, retention_days, max_attachment_bytes from messaging_policies where school_id = ?`,
      [currentSchool(this.em)],
    );
    if (!row) return { ...DEFAULT_MESSAGING_POLICY };
    return {
      minorThreads: row.minor_threads === 'visible_to_lead' ? 'visible_to_lead' : 'require_guardian',
      retentionDays: Number(row.retention_days),
      maxAttachmentBytes: Number(row.max_attachment_bytes),
    };
  }
  async save(policy: MessagingPolicy): Promise<void> {
    await this.em.execute(
      `insert into messaging_policies (school_id, minor_threads, retention_days, max_attachment_bytes) values (?, ?, ?, ?)
       on conflict (school_id) do update set minor_threads = excluded.minor_threads, retention_days = excluded.retention_days, max_attachment_bytes = excluded.max_attachment_bytes`,
      [currentSchool(this.em), policy.minorThreads, policy.retentionDays, policy.maxAttachmentBytes],
    );
  }
}

interface RawAttachment {
  id: string;
  school_id: string;
  thread_id: string;
  message_id: string | null;
  uploaded_by: string;
  uploaded_at: Date | string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

const toAttachment = (r: RawAttachment) =>
  Attachment.restore({
    id: asId<AttachmentId>(r.id),
    schoolId: asId<SchoolId>(r.school_id),
    threadId: asId<ThreadId>(r.thread_id),
    messageId: r.message_id === null ? null : asId<MessageId>(r.message_id),
    uploadedBy: asId<UserId>(r.uploaded_by),
    uploadedAt: date(r.uploaded_at),
    name: r.name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
  });

/** Attachment records in plain SQL, scoped to the school in force. Attaching sets `message_id` once. */
@Injectable()
export class MikroOrmAttachmentRepository extends AttachmentRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly writes: DeferredWrites = new DeferredWrites(em),
  ) {
    super();
  }
  async add(attachment: Attachment): Promise<void> {
    const s = attachment.snapshot();
    await this.em.execute(
      `insert into message_attachments (id, school_id, thread_id, message_id, uploaded_by, uploaded_at, name, content_type, size, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.schoolId, s.threadId, s.messageId, s.uploadedBy, s.uploadedAt, s.name, s.contentType, s.size, s.sha256],
    );
  }
  async byId(id: AttachmentId): Promise<Attachment | null> {
    const rows = await this.em.execute<RawAttachment[]>(`select * from message_attachments where id = ? and school_id = ?`, [id, currentSchool(this.em)]);
    return rows[0] ? toAttachment(rows[0]) : null;
  }
  async attach(ids: readonly AttachmentId[], messageId: MessageId): Promise<number> {
    if (ids.length === 0) return 0;
    // The message may still be among the unit of work's held writes: it goes first (the row refers to it).
    await this.writes.flush();
    const rows = await this.em.execute<{ id: string }[]>(
      `update message_attachments set message_id = ? where id = any(?::uuid[]) and school_id = ? and message_id is null returning id`,
      [messageId, pgArray(ids), currentSchool(this.em)],
    );
    return rows.length;
  }
  async ofMessages(messageIds: readonly MessageId[]): Promise<Attachment[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.em.execute<RawAttachment[]>(
      `select * from message_attachments where message_id = any(?::uuid[]) and school_id = ? order by uploaded_at, id`,
      [pgArray(messageIds), currentSchool(this.em)],
    );
    return rows.map(toAttachment);
  }
  async countBySha256(sha256: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from message_attachments where school_id = ? and sha256 = ?`, [currentSchool(this.em), sha256]);
    return Number(row?.n ?? 0);
  }
  async countUploadedSince(userId: UserId, since: Date): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from message_attachments where school_id = ? and uploaded_by = ? and uploaded_at >= ?`, [
      currentSchool(this.em),
      userId,
      since,
    ]);
    return Number(row?.n ?? 0);
  }
  /** A transaction-level advisory lock on (school, bytes), released at commit or rollback. */
  async lockBytes(sha256: string): Promise<void> {
    if (!this.em.isInTransaction()) throw new Error('AttachmentRepository.lockBytes runs inside a unit of work.');
    await this.em.execute(`select pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))`, [currentSchool(this.em), sha256]);
  }
}

/**
 * The retention sweep's removals, in plain SQL inside the caller's transaction. Removing a
 * message's versions is refused by their trigger unless the transaction says it is a purge
 * (`cadenza.messaging_purge`, local to the transaction), which only this adapter does.
 */
@Injectable()
export class MikroOrmThreadRetention extends ThreadRetention {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async schoolsWithThreadsAcrossSchools(): Promise<SchoolId[]> {
    const rows = await this.em.execute<{ school_id: string }[]>(`select distinct school_id from message_threads order by school_id`);
    return rows.map((r) => asId<SchoolId>(r.school_id));
  }
  async threadsWithAnyOf(userIds: readonly UserId[]): Promise<ThreadId[]> {
    if (userIds.length === 0) return [];
    const rows = await this.em.execute<{ thread_id: string }[]>(
      `select distinct thread_id from message_thread_participants where school_id = ? and user_id = any(?::uuid[]) order by thread_id`,
      [currentSchool(this.em), pgArray(userIds)],
    );
    return rows.map((r) => asId<ThreadId>(r.thread_id));
  }
  async purge(threadId: ThreadId): Promise<PurgedThread | null> {
    if (!this.em.isInTransaction()) throw new Error('ThreadRetention.purge runs inside a unit of work.');
    const school = currentSchool(this.em);
    const [thread] = await this.em.execute<RawThread[]>(`select * from message_threads where id = ? and school_id = ? for update`, [threadId, school]);
    if (!thread) return null;
    const participants = await this.em.execute<{ user_id: string }[]>(`select user_id from message_thread_participants where thread_id = ? order by position`, [threadId]);
    await this.em.execute(`select set_config('cadenza.messaging_purge', 'on', true)`);
    const count = async (sql: string) => (await this.em.execute<unknown[]>(`${sql} returning 1`, [threadId])).length;
    const files = await this.em.execute<{ sha256: string }[]>(`delete from message_attachments where thread_id = ? returning sha256`, [threadId]);
    const flags = await count(`delete from message_flags where thread_id = ?`);
    const receipts = await count(`delete from message_read_receipts where thread_id = ?`);
    const versions = await count(`delete from message_versions where message_id in (select id from messages where thread_id = ?)`);
    const messages = await count(`delete from messages where thread_id = ?`);
    await this.em.execute(`delete from message_thread_participants where thread_id = ?`, [threadId]);
    await this.em.execute(`delete from message_threads where id = ?`, [threadId]);
    await this.em.execute(`select set_config('cadenza.messaging_purge', 'off', true)`);
    return {
      threadId,
      participantIds: participants.map((p) => asId<UserId>(p.user_id)),
      createdAt: date(thread.created_at),
      lastMessageAt: thread.last_message_at === null ? null : date(thread.last_message_at),
      messages,
      versions,
      receipts,
      flags,
      attachments: files.length,
      attachmentSha256s: files.map((f) => f.sha256),
    };
  }
}

/** Messaging's integration events, into the outbox of the current unit of work. They carry ids, never bodies. */
@Injectable()
export class OutboxMessagingEvents extends MessagingEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly MessagingEvent[]): Promise<void> {
    for (const event of events) {
      const { schoolId, occurredAt, type, ...payload } = event;
      await this.outbox.append({ schoolId, type, occurredAt, payload });
    }
  }
}
