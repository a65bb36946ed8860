import { z } from 'zod';
import { THREAD_KINDS, type ThreadKind } from './constants.js';

export { type ThreadKind } from './constants.js';

/**
 * Messaging over REST. The server checks the wording of bodies, subjects and reasons (trimmed,
 * not empty, a length limit, no control characters) and names the field when it refuses one;
 * these schemas check shapes. Instants are ISO 8601 strings (UTC).
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const wording = z.string({ message: 'Enter some text.' }).max(20_000, 'Too long.');

export interface ThreadSummary {
  id: string;
  kind: ThreadKind;
  subject: string | null;
  participantIds: string[];
  createdBy: string;
  createdAt: string;
  lastSeq: number;
  lastMessageAt: string | null;
  leadOversight: boolean;
  unreadCount: number;
  lastReadSeq: number;
}

export interface Thread {
  id: string;
  kind: ThreadKind;
  subject: string | null;
  participantIds: string[];
  createdBy: string;
  createdAt: string;
  lastSeq: number;
  lastMessageAt: string | null;
  leadOversight: boolean;
}

/** A file on a message. Download it from `/threads/{threadId}/attachments/{id}`. */
export interface MessageAttachment {
  id: string;
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
}

/** What an upload answers: the attachment, not yet on a message until one is posted with its id. */
export interface UploadedAttachment extends MessageAttachment {
  threadId: string;
  uploadedAt: string;
}

export interface ThreadMessage {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  body: string;
  sentAt: string;
  version: number;
  editedAt: string | null;
  attachments: MessageAttachment[];
}

/** One wording of a message: version 1 is what was sent, every edit adds the next. */
export interface MessageVersionView {
  version: number;
  body: string;
  at: string;
}

/** A message as a thread read shows it, with its earlier wordings (oldest first; empty when never edited). */
export interface ThreadDetailMessage extends ThreadMessage {
  previousVersions: MessageVersionView[];
}

export interface ReadReceipt {
  userId: string;
  lastReadSeq: number;
  readAt: string;
}

export interface ThreadDetail extends Thread {
  messages: ThreadDetailMessage[];
  receipts: ReadReceipt[];
  /** The safeguarding lead read a thread they are not in (the read was audited). */
  readAsLead: boolean;
}

/**
 * Someone the caller can name in messaging (`GET /threads/contacts`): whom they may start a
 * thread with (`canStart`), and everyone already in a thread with them.
 */
export interface MessagingContact {
  id: string;
  name: string;
  roles: string[];
  minor: boolean;
  canStart: boolean;
}

export interface MessageSearchHit {
  threadId: string;
  messageId: string;
  seq: number;
  authorId: string;
  body: string;
  sentAt: string;
}

export interface MessageFlag {
  id: string;
  threadId: string;
  messageId: string;
  messageVersion: number;
  flaggedBy: string;
  reason: string;
  createdAt: string;
}

export interface TranscriptPerson {
  id: string;
  name: string;
}
export interface Transcript {
  threadId: string;
  kind: ThreadKind;
  subject: string | null;
  createdAt: string;
  participants: TranscriptPerson[];
  leadOversight: boolean;
  generatedAt: string;
  generatedBy: TranscriptPerson;
  messages: {
    id: string;
    seq: number;
    author: TranscriptPerson;
    sentAt: string;
    versions: { version: number; body: string; at: string }[];
    flags: { id: string; flaggedBy: TranscriptPerson; reason: string; messageVersion: number; at: string }[];
    attachments: MessageAttachment[];
  }[];
}

/** The school's messaging policy. */
export interface MessagingPolicy {
  /** How a minor is protected in a thread with an adult who is not their guardian. */
  minorThreads: 'require_guardian' | 'visible_to_lead';
  /** Days a thread is kept after every student in it has left the school (30 to 3650; 730 by default). */
  retentionDays: number;
  /** The largest attachment in bytes (65536 to 26214400; 10 MiB by default). */
  maxAttachmentBytes: number;
}

/** At least one setting; the server refuses an empty change. */
export const UpdateMessagingPolicyRequest = z.strictObject({
    minorThreads: z.enum(['require_guardian', 'visible_to_lead'], { message: 'One of: require_guardian, visible_to_lead.' }).optional(),
    retentionDays: z.number({ message: 'A whole number of days.' }).int('A whole number of days.').min(30, 'At least 30 days.').max(3650, 'At most 3650 days.').optional(),
    maxAttachmentBytes: z
      .number({ message: 'A whole number of bytes.' })
      .int('A whole number of bytes.')
      .min(65_536, 'At least 65536 bytes.')
      .max(26_214_400, 'At most 26214400 bytes (25 MiB).')
      .optional(),
});
export type UpdateMessagingPolicyRequest = z.infer<typeof UpdateMessagingPolicyRequest>;

export const ThreadsQuery = z.strictObject({
  overseen: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ThreadsQuery = z.infer<typeof ThreadsQuery>;

export const StartThreadRequest = z.strictObject({
  kind: z.enum(THREAD_KINDS),
  participantIds: z.array(uuid).min(1, 'Add at least one other person.').max(60),
  subject: z.string().max(1000).nullable().optional(),
});
export type StartThreadRequest = z.infer<typeof StartThreadRequest>;

export const AddParticipantRequest = z.strictObject({ userId: uuid });
export type AddParticipantRequest = z.infer<typeof AddParticipantRequest>;

export const PostMessageRequest = z.strictObject({
  body: wording,
  /** Ids of files the author uploaded to this thread and has not attached yet (at most 10). */
  attachmentIds: z.array(uuid).max(10, 'At most 10 files on a message.').optional(),
});
export type PostMessageRequest = z.infer<typeof PostMessageRequest>;

export const EditMessageRequest = z.strictObject({ body: wording });
export type EditMessageRequest = z.infer<typeof EditMessageRequest>;

export const MarkReadRequest = z.strictObject({ upToSeq: z.number().int().min(0).optional() });
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

export const ReadThreadQuery = z.strictObject({
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ReadThreadQuery = z.infer<typeof ReadThreadQuery>;

export const SearchMessagesQuery = z.strictObject({
  q: z.string().max(1000),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type SearchMessagesQuery = z.infer<typeof SearchMessagesQuery>;

export const FlagMessageRequest = z.strictObject({ reason: wording });
export type FlagMessageRequest = z.infer<typeof FlagMessageRequest>;

export const FlagsQuery = z.strictObject({ threadId: uuid.optional() });
export type FlagsQuery = z.infer<typeof FlagsQuery>;

export const ThreadParam = z.strictObject({ id: uuid });
export const ThreadParticipantParam = z.strictObject({ id: uuid, userId: uuid });
export const ThreadMessageParam = z.strictObject({ id: uuid, messageId: uuid });
export const ThreadAttachmentParam = z.strictObject({ id: uuid, attachmentId: uuid });
