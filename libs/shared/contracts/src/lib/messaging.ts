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

export interface ThreadMessage {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  body: string;
  sentAt: string;
  version: number;
  editedAt: string | null;
}

export interface ReadReceipt {
  userId: string;
  lastReadSeq: number;
  readAt: string;
}

export interface ThreadDetail extends Thread {
  messages: ThreadMessage[];
  receipts: ReadReceipt[];
  /** The safeguarding lead read a thread they are not in (the read was audited). */
  readAsLead: boolean;
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
  }[];
}

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

export const PostMessageRequest = z.strictObject({ body: wording });
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
