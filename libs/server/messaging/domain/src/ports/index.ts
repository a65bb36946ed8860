import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { MessagingIntegrationEvent, OutgoingEvent } from '@cadenza/shared/integration-events';
import type { Attachment } from '../model/attachment.js';
import type { FlagStatus, MessageFlag } from '../model/flag.js';
import type { AttachmentId, FlagId, MessageId, ThreadId } from '../model/ids.js';
import type { Message, MessageVersion } from '../model/message.js';
import type { MessagingPolicy } from '../model/policy.js';
import type { SafeguardingPolicy } from '../model/safeguarding.js';
import type { Thread } from '../model/thread.js';

/**
 * Ports of the messaging context. Every read and write is scoped to the current tenant
 * (the actor's school) by the adapter's tenancy mechanism.
 */
export abstract class ThreadRepository {
  abstract add(thread: Thread): Promise<void>;
  abstract update(thread: Thread): Promise<void>;
  /** Inside a unit of work the adapter locks the row, so two posts cannot take the same `seq`. */
  abstract byId(id: ThreadId): Promise<Thread | null>;
  /**
   * The current participants of these threads (of the school in force), in one read and without locking them:
   * for telling who hears of a thread's events, which must never hold up a post to it. Unknown threads are absent.
   */
  abstract participantsOf(ids: readonly ThreadId[]): Promise<Map<ThreadId, UserId[]>>;
  /** Threads the person is in now, latest activity (last message, else creation) first. */
  abstract ofParticipant(userId: UserId): Promise<Thread[]>;
  /** Threads under the safeguarding lead's oversight, latest activity first. */
  abstract underOversight(): Promise<Thread[]>;
  /** The private (`direct`) thread between these two people, if there is one (the earliest, should there be several). */
  abstract directBetween(a: UserId, b: UserId): Promise<Thread | null>;
}

/** Messages are append-only: a message is added once, and an edit only appends a version. */
export abstract class MessageRepository {
  abstract add(message: Message): Promise<void>;
  abstract addVersion(messageId: MessageId, version: MessageVersion): Promise<void>;
  abstract byId(id: MessageId): Promise<Message | null>;
  /** The thread's messages in `seq` order; with `beforeSeq`, only earlier ones; with `limit`, the latest that many of them. */
  abstract ofThread(threadId: ThreadId, page?: { beforeSeq?: number; limit?: number }): Promise<Message[]>;
  /** How many messages the author sent at or after `since` (for the rate limit). */
  abstract countSentSince(authorId: UserId, since: Date): Promise<number>;
  /** Per thread: messages after `afterSeq` written by someone other than the reader. */
  abstract unreadCounts(readerId: UserId, marks: readonly { threadId: ThreadId; afterSeq: number }[]): Promise<Map<ThreadId, number>>;
  /** Messages in these threads whose current wording contains `text` (case-insensitive), newest first. */
  abstract search(threadIds: readonly ThreadId[], text: string, limit: number): Promise<Message[]>;
}

/** How far a person has read a thread: every message up to `lastReadSeq`. */
export interface ReadReceipt {
  threadId: ThreadId;
  userId: UserId;
  lastReadSeq: number;
  readAt: Date;
}

export abstract class ReadReceiptRepository {
  /** Inserts or replaces the person's receipt for the thread. */
  abstract save(receipt: ReadReceipt): Promise<void>;
  abstract ofThread(threadId: ThreadId): Promise<ReadReceipt[]>;
  abstract ofReader(userId: UserId, threadIds: readonly ThreadId[]): Promise<ReadReceipt[]>;
}

export abstract class FlagRepository {
  abstract add(flag: MessageFlag): Promise<void>;
  abstract byId(id: FlagId): Promise<MessageFlag | null>;
  /** Flags matching every given filter, newest first. */
  abstract list(filter?: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId; status?: FlagStatus }): Promise<MessageFlag[]>;
  /**
   * Stores a flag's review, only if the stored flag is still open (one statement: of two leads reviewing at once, one
   * writes and the other is told false, with nothing changed).
   */
  abstract saveReview(flag: MessageFlag): Promise<boolean>;
}

export interface MessagingPerson {
  id: UserId;
  name: string;
  roles: readonly string[];
  /** Under 18 (or as the school records it); null when the date of birth is not recorded (see `countsAsMinor`). */
  minor: boolean | null;
  /** Only meaningful with the admin role: the school's designated safeguarding lead. */
  safeguardingLead: boolean;
  /** They left the school (archived): named in the threads they shared, never offered to start a new one with. */
  archived?: boolean;
}

/** What messaging needs to know about the school and its people; implemented by the app over identity. */
export abstract class MessagingDirectory {
  abstract person(id: UserId): Promise<MessagingPerson | null>;
  /** The ids of the student's parents or guardians. */
  abstract guardiansOf(studentId: UserId): Promise<UserId[]>;
  abstract schoolPolicy(): Promise<SafeguardingPolicy>;
  /** These people (unknown ids are left out), in no particular order. */
  abstract people(ids: readonly UserId[]): Promise<MessagingPerson[]>;
  /** The school's admins, and the teachers and accompanists who teach these students (their lessons around now). */
  abstract staffOf(studentIds: readonly UserId[]): Promise<MessagingPerson[]>;
  /** Everyone in the school. */
  abstract everyone(): Promise<MessagingPerson[]>;
  /** The ids of the children the person is a parent or guardian of. */
  abstract childrenOf(guardianId: UserId): Promise<UserId[]>;
  /** Every guardian's link to each of their children in the school. */
  abstract guardianLinks(): Promise<{ guardianId: UserId; studentId: UserId }[]>;
  /** The students a teacher or accompanist teaches (their lessons from 180 days back to 180 days ahead). */
  abstract studentsOf(staffId: UserId): Promise<UserId[]>;
  /** Every student of the school, with the day they left it (`YYYY-MM-DD`) or null while they are still there. */
  abstract studentsWithLeavingDates(): Promise<{ id: UserId; leftSchoolOn: string | null }[]>;
}

/** The school's messaging policy (safeguarding mode, retention, attachment size); the defaults until the school changes it. */
export abstract class MessagingPolicies {
  abstract current(): Promise<MessagingPolicy>;
  abstract save(policy: MessagingPolicy): Promise<void>;
}

/** Attachment records. Added once, attached once (to a message of the uploader's), never removed by a person. */
export abstract class AttachmentRepository {
  abstract add(attachment: Attachment): Promise<void>;
  abstract byId(id: AttachmentId): Promise<Attachment | null>;
  /**
   * Attaches uploaded, still unattached attachments to a message. Returns how many it attached:
   * fewer than asked means another message took one first (the caller refuses then).
   */
  abstract attach(ids: readonly AttachmentId[], messageId: MessageId): Promise<number>;
  /** The attachments of these messages, in upload order. */
  abstract ofMessages(messageIds: readonly MessageId[]): Promise<Attachment[]>;
  /** How many attachments of the school in force point at these bytes. */
  abstract countBySha256(sha256: string): Promise<number>;
  /** How many files the person uploaded at or after `since` (for the upload limit). */
  abstract countUploadedSince(userId: UserId, since: Date): Promise<number>;
  /**
   * Inside a unit of work: holds these bytes (of the school in force) until it ends, so an upload
   * of the same bytes and the retention sweep's removal of them happen one after the other.
   */
  abstract lockBytes(sha256: string): Promise<void>;
}

/**
 * The bytes of attachments, addressed by their SHA-256 within a school, never by a name a person
 * chose. Storing the same bytes twice keeps one copy.
 */
export abstract class AttachmentStore {
  abstract put(schoolId: SchoolId, bytes: Uint8Array): Promise<{ sha256: string }>;
  abstract get(schoolId: SchoolId, sha256: string): Promise<Uint8Array | null>;
  abstract remove(schoolId: SchoolId, sha256: string): Promise<void>;
}

/** What the retention sweep removed of one thread: ids, dates and counts, never what was said. */
export interface PurgedThread {
  threadId: ThreadId;
  participantIds: UserId[];
  createdAt: Date;
  lastMessageAt: Date | null;
  messages: number;
  versions: number;
  receipts: number;
  flags: number;
  attachments: number;
  /** The bytes the removed attachments pointed at (the caller removes those no one else points at). */
  attachmentSha256s: string[];
}

/** Removal of whole threads under the school's retention policy: the only hard delete in messaging. */
export abstract class ThreadRetention {
  /** The schools that have any thread at all (read across schools: the sweep visits each in turn). */
  abstract schoolsWithThreadsAcrossSchools(): Promise<SchoolId[]>;
  /** Threads of the school in force that have any of these people in them. */
  abstract threadsWithAnyOf(userIds: readonly UserId[]): Promise<ThreadId[]>;
  /**
   * Inside a unit of work: deletes the thread with its participants, messages, versions, receipts,
   * flags and attachment records, and says what it removed; null when it was already gone.
   */
  abstract purge(threadId: ThreadId): Promise<PurgedThread | null>;
}

/**
 * Messaging's integration events (types and payloads in `@cadenza/shared/integration-events`), with the school
 * they belong to and when they happened. They carry ids, never bodies, so the outbox holds no message text.
 */
export type MessagingEvent = OutgoingEvent<MessagingIntegrationEvent>;

export type MessagingEventType = MessagingEvent['type'];

/** The adapter writes them to an outbox in the same unit of work. */
export abstract class MessagingEvents {
  abstract publish(events: readonly MessagingEvent[]): Promise<void>;
}

/** What posting a message writes, once the thread has given it its `seq`. */
export interface MessagePost {
  /** The new message, with its first version. */
  message: Message;
  /** The thread after `nextSeq`: only its counters (`lastSeq`, `lastMessageAt`) changed; a post never changes its people. */
  thread: Thread;
  /** The author's receipt: a post counts as read by its author. */
  receipt: ReadReceipt;
  /** The integration events the post publishes. */
  events: readonly MessagingEvent[];
}

/**
 * A post's writes, together, inside the unit of work that holds the thread's row lock: what
 * `MessageRepository.add`, `ThreadRepository.update`, `ReadReceiptRepository.save` and
 * `MessagingEvents.publish` would write one after the other. The adapter may write them in one
 * statement, so the lock is held for one round trip instead of one per write.
 */
export abstract class MessagePosts {
  abstract record(post: MessagePost): Promise<void>;
}
