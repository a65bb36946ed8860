import type { Id, UserId } from '@cadenza/shared/kernel';

/** Messaging's events carry ids, never message text, so the outbox holds none. */
interface InThread {
  actorId: UserId;
  threadId: Id<'Thread'>;
}

export interface MessageCreatedV1 extends InThread {
  messageId: Id<'Message'>;
  /** The message's number in its thread. */
  seq: number;
  /** The thread's participants when it was posted. */
  participantIds: UserId[];
}

export interface MessageUpdatedV1 extends InThread {
  messageId: Id<'Message'>;
  /** The message's version after the edit (its seq is the message's own). */
  version: number;
  participantIds: UserId[];
}

export interface ThreadReadV1 extends InThread {
  readerId: UserId;
  lastReadSeq: number;
  participantIds: UserId[];
}

export interface MessageFlaggedV1 extends InThread {
  flagId: Id<'MessageFlag'>;
  messageId: Id<'Message'>;
  flaggedBy: UserId;
}

/**
 * The safeguarding rule, applied again to a thread (a participant now counts as a minor, or the school changed its
 * mode), changed what the thread may be: `guardian_required` (nobody may post until a guardian of `minorId` joins)
 * or `lead_oversight` (the thread is now under the safeguarding lead's oversight). For the lead's notification.
 */
export interface ThreadSafeguardingChangedV1 extends InThread {
  change: 'guardian_required' | 'lead_oversight';
  minorId: UserId;
}

/** Messaging's events, by versioned type. */
export interface MessagingEventPayloads {
  'message.created.v1': MessageCreatedV1;
  'message.updated.v1': MessageUpdatedV1;
  'thread.read.v1': ThreadReadV1;
  'message.flagged.v1': MessageFlaggedV1;
  'thread.safeguarding_changed.v1': ThreadSafeguardingChangedV1;
}
