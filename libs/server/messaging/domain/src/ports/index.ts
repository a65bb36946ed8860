import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { MessageFlag } from '../model/flag.js';
import type { FlagId, MessageId, ThreadId } from '../model/ids.js';
import type { Message, MessageVersion } from '../model/message.js';
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
  /** Threads the person is in now, latest activity (last message, else creation) first. */
  abstract ofParticipant(userId: UserId): Promise<Thread[]>;
  /** Threads under the safeguarding lead's oversight, latest activity first. */
  abstract underOversight(): Promise<Thread[]>;
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
  abstract list(filter?: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId }): Promise<MessageFlag[]>;
}

export interface MessagingPerson {
  id: UserId;
  name: string;
  roles: readonly string[];
  /** Under 18 (or as the school records it). */
  minor: boolean;
  /** Only meaningful with the admin role: the school's designated safeguarding lead. */
  safeguardingLead: boolean;
}

/** What messaging needs to know about the school and its people; implemented by the app over identity. */
export abstract class MessagingDirectory {
  abstract person(id: UserId): Promise<MessagingPerson | null>;
  /** The ids of the student's parents or guardians. */
  abstract guardiansOf(studentId: UserId): Promise<UserId[]>;
  abstract schoolPolicy(): Promise<SafeguardingPolicy>;
}

interface EventBase {
  schoolId: SchoolId;
  occurredAt: Date;
  actorId: UserId;
  threadId: ThreadId;
}

/** Integration events; they carry ids, never bodies, so the outbox holds no message text. */
export type MessagingEvent =
  | (EventBase & { type: 'message.created'; messageId: MessageId; seq: number; participantIds: UserId[] })
  | (EventBase & { type: 'message.updated'; messageId: MessageId; version: number; participantIds: UserId[] })
  | (EventBase & { type: 'thread.read'; readerId: UserId; lastReadSeq: number; participantIds: UserId[] })
  | (EventBase & { type: 'message.flagged'; flagId: FlagId; messageId: MessageId; flaggedBy: UserId });

export type MessagingEventType = MessagingEvent['type'];

/** The adapter writes them to an outbox in the same unit of work. */
export abstract class MessagingEvents {
  abstract publish(events: readonly MessagingEvent[]): Promise<void>;
}
