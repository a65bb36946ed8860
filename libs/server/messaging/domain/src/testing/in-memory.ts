import { AuditTrail, UnitOfWork, type AuditEntry, type UserId } from '@cadenza/shared/kernel';
import { MessageFlag, type MessageFlagState } from '../model/flag.js';
import type { FlagId, MessageId, ThreadId } from '../model/ids.js';
import { Message, type MessageState, type MessageVersion } from '../model/message.js';
import type { SafeguardingPolicy } from '../model/safeguarding.js';
import { Thread, type ThreadState } from '../model/thread.js';
import {
  FlagRepository,
  MessageRepository,
  MessagingDirectory,
  MessagingEvents,
  ReadReceiptRepository,
  ThreadRepository,
  type MessagingEvent,
  type MessagingPerson,
  type ReadReceipt,
} from '../ports/index.js';

/**
 * In-memory adapters for the messaging ports, for fast use-case specs. They store snapshots and
 * hand out fresh objects, as a database would, so a spec cannot pass by sharing references.
 */
const activity = (t: ThreadState) => (t.lastMessageAt ?? t.createdAt).getTime();

export class InMemoryThreads extends ThreadRepository {
  readonly rows = new Map<string, ThreadState>();
  async add(thread: Thread) {
    this.rows.set(thread.id, thread.snapshot());
  }
  async update(thread: Thread) {
    this.rows.set(thread.id, thread.snapshot());
  }
  async byId(id: ThreadId) {
    const row = this.rows.get(id);
    return row ? Thread.restore(row) : null;
  }
  async ofParticipant(userId: UserId) {
    return this.sorted((t) => t.participantIds.includes(userId));
  }
  async underOversight() {
    return this.sorted((t) => t.leadOversight);
  }
  private sorted(keep: (t: ThreadState) => boolean) {
    return [...this.rows.values()].filter(keep).sort((a, b) => activity(b) - activity(a)).map((t) => Thread.restore(t));
  }
}

/** Append-only: `add` refuses an existing id and `addVersion` only accepts the next version number. */
export class InMemoryMessages extends MessageRepository {
  readonly rows = new Map<string, MessageState>();
  async add(message: Message) {
    if (this.rows.has(message.id)) throw new Error(`Message ${message.id} exists.`);
    this.rows.set(message.id, message.snapshot());
  }
  async addVersion(messageId: MessageId, version: MessageVersion) {
    const row = this.rows.get(messageId);
    if (!row) throw new Error(`Message ${messageId} does not exist.`);
    if (version.version !== row.versions.length + 1) throw new Error(`Version ${version.version} is not next for ${messageId}.`);
    this.rows.set(messageId, { ...row, versions: [...row.versions, { ...version, at: new Date(version.at.getTime()) }] });
  }
  async byId(id: MessageId) {
    const row = this.rows.get(id);
    return row ? Message.restore(row) : null;
  }
  async ofThread(threadId: ThreadId, page: { beforeSeq?: number; limit?: number } = {}) {
    let rows = [...this.rows.values()].filter((m) => m.threadId === threadId && (page.beforeSeq === undefined || m.seq < page.beforeSeq)).sort((a, b) => a.seq - b.seq);
    if (page.limit !== undefined) rows = rows.slice(-page.limit);
    return rows.map((m) => Message.restore(m));
  }
  async countSentSince(authorId: UserId, since: Date) {
    return [...this.rows.values()].filter((m) => m.authorId === authorId && m.sentAt.getTime() >= since.getTime()).length;
  }
  async unreadCounts(readerId: UserId, marks: readonly { threadId: ThreadId; afterSeq: number }[]) {
    const out = new Map<ThreadId, number>();
    for (const mark of marks) {
      out.set(mark.threadId, [...this.rows.values()].filter((m) => m.threadId === mark.threadId && m.seq > mark.afterSeq && m.authorId !== readerId).length);
    }
    return out;
  }
  async search(threadIds: readonly ThreadId[], text: string, limit: number) {
    const needle = text.toLowerCase();
    return [...this.rows.values()]
      .filter((m) => threadIds.includes(m.threadId) && m.versions[m.versions.length - 1].body.toLowerCase().includes(needle))
      .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.seq - a.seq)
      .slice(0, limit)
      .map((m) => Message.restore(m));
  }
}

export class InMemoryReadReceipts extends ReadReceiptRepository {
  readonly rows = new Map<string, ReadReceipt>();
  async save(receipt: ReadReceipt) {
    this.rows.set(`${receipt.threadId}:${receipt.userId}`, { ...receipt, readAt: new Date(receipt.readAt.getTime()) });
  }
  async ofThread(threadId: ThreadId) {
    return [...this.rows.values()].filter((r) => r.threadId === threadId).map((r) => ({ ...r }));
  }
  async ofReader(userId: UserId, threadIds: readonly ThreadId[]) {
    return [...this.rows.values()].filter((r) => r.userId === userId && threadIds.includes(r.threadId)).map((r) => ({ ...r }));
  }
}

export class InMemoryFlags extends FlagRepository {
  readonly rows = new Map<string, MessageFlagState>();
  async add(flag: MessageFlag) {
    this.rows.set(flag.id, flag.snapshot());
  }
  async byId(id: FlagId) {
    const row = this.rows.get(id);
    return row ? MessageFlag.restore(row) : null;
  }
  async list(filter: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId } = {}) {
    return [...this.rows.values()]
      .filter((f) => (!filter.threadId || f.threadId === filter.threadId) && (!filter.messageId || f.messageId === filter.messageId) && (!filter.flaggedBy || f.flaggedBy === filter.flaggedBy))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((f) => MessageFlag.restore(f));
  }
}

export class InMemoryMessagingDirectory extends MessagingDirectory {
  readonly people = new Map<string, MessagingPerson>();
  readonly guardians: { parentId: UserId; studentId: UserId }[] = [];
  policy: SafeguardingPolicy = { minorThreads: 'require_guardian' };
  addPerson(person: MessagingPerson) {
    this.people.set(person.id, person);
  }
  link(parentId: UserId, studentId: UserId) {
    this.guardians.push({ parentId, studentId });
  }
  async person(id: UserId) {
    return this.people.get(id) ?? null;
  }
  async guardiansOf(studentId: UserId) {
    return this.guardians.filter((g) => g.studentId === studentId).map((g) => g.parentId);
  }
  async schoolPolicy() {
    return { ...this.policy };
  }
}

export class RecordingMessagingEvents extends MessagingEvents {
  readonly published: MessagingEvent[] = [];
  async publish(events: readonly MessagingEvent[]) {
    this.published.push(...events);
  }
}

export class RecordingAuditTrail extends AuditTrail {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry) {
    this.entries.push(entry);
  }
}

/**
 * Runs the work and, when it throws, rolls the in-memory stores back to how they were:
 * a spec can then assert that a refused use case wrote nothing.
 */
export class SnapshotUnitOfWork extends UnitOfWork {
  runs = 0;
  constructor(private readonly stores: readonly { rows?: Map<string, unknown>; entries?: unknown[]; published?: unknown[] }[] = []) {
    super();
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.runs++;
    const saved = this.stores.map((s) => ({ rows: s.rows ? new Map(s.rows) : undefined, entries: s.entries ? [...s.entries] : undefined, published: s.published ? [...s.published] : undefined }));
    try {
      return await work();
    } catch (error) {
      this.stores.forEach((s, i) => {
        const b = saved[i];
        if (s.rows && b.rows) {
          s.rows.clear();
          for (const [k, v] of b.rows) s.rows.set(k, v);
        }
        if (s.entries && b.entries) s.entries.splice(0, s.entries.length, ...b.entries);
        if (s.published && b.published) s.published.splice(0, s.published.length, ...b.published);
      });
      throw error;
    }
  }
}
