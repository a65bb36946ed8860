import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { RecordingPublisher } from '@cadenza/shared/kernel/testing';
import { Attachment, type AttachmentState } from '../model/attachment.js';
import { MessageFlag, type FlagStatus, type MessageFlagState } from '../model/flag.js';
import type { AttachmentId, FlagId, MessageId, ThreadId } from '../model/ids.js';
import { Message, type MessageState, type MessageVersion } from '../model/message.js';
import { DEFAULT_MESSAGING_POLICY, type MessagingPolicy } from '../model/policy.js';
import type { SafeguardingPolicy } from '../model/safeguarding.js';
import { Thread, type ThreadState } from '../model/thread.js';
import { isStaffRoles } from '../model/actor.js';
import {
  AttachmentRepository,
  AttachmentStore,
  FlagRepository,
  MessagePosts,
  type MessagingEvents,
  MessageRepository,
  MessagingDirectory,
  MessagingPolicies,
  ReadReceiptRepository,
  ThreadRepository,
  ThreadRetention,
  type MessagePost,
  type MessagingEvent,
  type PurgedThread,
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
  async participantsOf(ids: readonly ThreadId[]) {
    const found = new Map<ThreadId, UserId[]>();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.set(id, [...row.participantIds]);
    }
    return found;
  }
  async ofParticipant(userId: UserId) {
    return this.sorted((t) => t.participantIds.includes(userId));
  }
  async underOversight() {
    return this.sorted((t) => t.leadOversight);
  }
  async directBetween(a: UserId, b: UserId) {
    const found = [...this.rows.values()]
      .filter((t) => t.kind === 'direct' && t.participantIds.length === 2 && t.participantIds.includes(a) && t.participantIds.includes(b))
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
    return found.length > 0 ? Thread.restore(found[0]) : null;
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
  async saveReview(flag: MessageFlag) {
    const row = this.rows.get(flag.id);
    if (!row || row.review) return false;
    this.rows.set(flag.id, flag.snapshot());
    return true;
  }
  async list(filter: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId; status?: FlagStatus } = {}) {
    return [...this.rows.values()]
      .filter((f) => (!filter.threadId || f.threadId === filter.threadId) && (!filter.messageId || f.messageId === filter.messageId) && (!filter.flaggedBy || f.flaggedBy === filter.flaggedBy))
      .filter((f) => !filter.status || (filter.status === 'reviewed') === (f.review !== null))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((f) => MessageFlag.restore(f));
  }
}

export class InMemoryMessagingDirectory extends MessagingDirectory {
  readonly entries = new Map<string, MessagingPerson>();
  readonly guardians: { parentId: UserId; studentId: UserId }[] = [];
  readonly leftSchoolOn = new Map<UserId, string>();
  private ownPolicy: SafeguardingPolicy = { minorThreads: 'require_guardian' };
  /** With the school's policies given, the mode is theirs (as the app's directory reads the stored policy). */
  constructor(private readonly policies?: InMemoryMessagingPolicies) {
    super();
  }
  get policy(): SafeguardingPolicy {
    return this.policies ? { minorThreads: (this.policies.rows.get('policy') ?? DEFAULT_MESSAGING_POLICY).minorThreads } : { ...this.ownPolicy };
  }
  set policy(policy: SafeguardingPolicy) {
    if (this.policies) this.policies.rows.set('policy', { ...(this.policies.rows.get('policy') ?? DEFAULT_MESSAGING_POLICY), minorThreads: policy.minorThreads });
    else this.ownPolicy = { ...policy };
  }
  addPerson(person: MessagingPerson) {
    this.entries.set(person.id, person);
  }
  link(parentId: UserId, studentId: UserId) {
    this.guardians.push({ parentId, studentId });
  }
  async person(id: UserId) {
    return this.entries.get(id) ?? null;
  }
  async guardiansOf(studentId: UserId) {
    return this.guardians.filter((g) => g.studentId === studentId).map((g) => g.parentId);
  }
  async schoolPolicy() {
    return this.policy;
  }
  async people(ids: readonly UserId[]) {
    return ids.flatMap((id) => this.entries.get(id) ?? []);
  }
  /** Who teaches whom (as scheduling's lessons would say). */
  readonly teaching: { staffId: UserId; studentId: UserId }[] = [];
  teaches(staffId: UserId, studentId: UserId) {
    this.teaching.push({ staffId, studentId });
  }
  async staffOf(studentIds: readonly UserId[]) {
    const teachers = new Set(this.teaching.filter((t) => studentIds.includes(t.studentId)).map((t) => t.staffId));
    return [...this.entries.values()].filter((p) => p.roles.includes('admin') || (isStaffRoles(p.roles) && teachers.has(p.id)));
  }
  async everyone() {
    return [...this.entries.values()];
  }
  async childrenOf(guardianId: UserId) {
    return this.guardians.filter((g) => g.parentId === guardianId).map((g) => g.studentId);
  }
  async guardianLinks() {
    return this.guardians.map((g) => ({ guardianId: g.parentId, studentId: g.studentId }));
  }
  async studentsOf(staffId: UserId) {
    return [...new Set(this.teaching.filter((t) => t.staffId === staffId).map((t) => t.studentId))];
  }
  async studentsWithLeavingDates() {
    return [...this.entries.values()].filter((p) => p.roles.includes('student')).map((p) => ({ id: p.id, leftSchoolOn: this.leftSchoolOn.get(p.id) ?? null }));
  }
}

/** The school's policy in memory. `rows` holds it under one key so `SnapshotUnitOfWork` can roll it back. */
export class InMemoryMessagingPolicies extends MessagingPolicies {
  readonly rows = new Map<string, MessagingPolicy>();
  async current() {
    return { ...(this.rows.get('policy') ?? DEFAULT_MESSAGING_POLICY) };
  }
  async save(policy: MessagingPolicy) {
    this.rows.set('policy', { ...policy });
  }
}

export class InMemoryAttachments extends AttachmentRepository {
  readonly rows = new Map<string, AttachmentState>();
  async add(attachment: Attachment) {
    if (this.rows.has(attachment.id)) throw new Error(`Attachment ${attachment.id} exists.`);
    this.rows.set(attachment.id, attachment.snapshot());
  }
  async byId(id: AttachmentId) {
    const row = this.rows.get(id);
    return row ? Attachment.restore(row) : null;
  }
  async attach(ids: readonly AttachmentId[], messageId: MessageId) {
    let attached = 0;
    for (const id of ids) {
      const row = this.rows.get(id);
      if (!row || row.messageId !== null) continue;
      this.rows.set(id, { ...row, messageId });
      attached++;
    }
    return attached;
  }
  async ofMessages(messageIds: readonly MessageId[]) {
    return [...this.rows.values()]
      .filter((a) => a.messageId !== null && messageIds.includes(a.messageId))
      .sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime())
      .map((a) => Attachment.restore(a));
  }
  async countBySha256(sha256: string) {
    return [...this.rows.values()].filter((a) => a.sha256 === sha256).length;
  }
  async countUploadedSince(userId: UserId, since: Date) {
    return [...this.rows.values()].filter((a) => a.uploadedBy === userId && a.uploadedAt.getTime() >= since.getTime()).length;
  }
  readonly locked: string[] = [];
  async lockBytes(sha256: string) {
    // One process, one event loop: nothing to wait for; recorded so specs can see it was asked.
    this.locked.push(sha256);
  }
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Bytes in memory, keyed by school and SHA-256 (Web Crypto's digest, as the disk adapter's node:crypto). */
export class InMemoryAttachmentStore extends AttachmentStore {
  readonly files = new Map<string, Uint8Array>();
  async put(schoolId: SchoolId, bytes: Uint8Array) {
    const sha256 = hex(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
    this.files.set(`${schoolId}/${sha256}`, new Uint8Array(bytes));
    return { sha256 };
  }
  async get(schoolId: SchoolId, sha256: string) {
    const bytes = this.files.get(`${schoolId}/${sha256}`);
    return bytes ? new Uint8Array(bytes) : null;
  }
  async remove(schoolId: SchoolId, sha256: string) {
    this.files.delete(`${schoolId}/${sha256}`);
  }
}

/** Retention over the other in-memory stores: removes a thread and everything hanging off it. */
export class InMemoryThreadRetention extends ThreadRetention {
  constructor(
    private readonly stores: {
      threads: InMemoryThreads;
      messages: InMemoryMessages;
      receipts: InMemoryReadReceipts;
      flags: InMemoryFlags;
      attachments: InMemoryAttachments;
    },
  ) {
    super();
  }
  async schoolsWithThreadsAcrossSchools() {
    return [...new Set([...this.stores.threads.rows.values()].map((t) => t.schoolId))];
  }
  async threadsWithAnyOf(userIds: readonly UserId[]) {
    return [...this.stores.threads.rows.values()].filter((t) => t.participantIds.some((id) => userIds.includes(id))).map((t) => t.id);
  }
  async purge(threadId: ThreadId): Promise<PurgedThread | null> {
    const { threads, messages, receipts, flags, attachments } = this.stores;
    const thread = threads.rows.get(threadId);
    if (!thread) return null;
    const take = <T>(rows: Map<string, T>, keep: (row: T) => boolean) => {
      const gone = [...rows.entries()].filter(([, row]) => !keep(row));
      for (const [key] of gone) rows.delete(key);
      return gone.map(([, row]) => row);
    };
    const removedMessages = take(messages.rows, (m) => m.threadId !== threadId);
    const removedAttachments = take(attachments.rows, (a) => a.threadId !== threadId);
    const purged: PurgedThread = {
      threadId,
      participantIds: [...thread.participantIds],
      createdAt: thread.createdAt,
      lastMessageAt: thread.lastMessageAt,
      messages: removedMessages.length,
      versions: removedMessages.reduce((n, m) => n + m.versions.length, 0),
      receipts: take(receipts.rows, (r) => r.threadId !== threadId).length,
      flags: take(flags.rows, (f) => f.threadId !== threadId).length,
      attachments: removedAttachments.length,
      attachmentSha256s: removedAttachments.map((a) => a.sha256),
    };
    threads.rows.delete(threadId);
    return purged;
  }
}

/** The events a use case published, in `published`. */
export class RecordingMessagingEvents extends RecordingPublisher<MessagingEvent> {}

/** A post's writes through the other in-memory stores, one after the other. */
export class InMemoryMessagePosts extends MessagePosts {
  constructor(private readonly stores: { threads: ThreadRepository; messages: MessageRepository; receipts: ReadReceiptRepository; events: MessagingEvents }) {
    super();
  }
  async record(post: MessagePost) {
    await this.stores.messages.add(post.message);
    await this.stores.threads.update(post.thread);
    await this.stores.receipts.save(post.receipt);
    await this.stores.events.publish(post.events);
  }
}
