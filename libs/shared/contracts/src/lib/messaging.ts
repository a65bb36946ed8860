import { z } from 'zod';
import { THREAD_KINDS } from './constants.js';

export { type ThreadKind } from './constants.js';

/**
 * Messaging over REST. The server checks the wording of bodies, subjects and reasons (trimmed,
 * not empty, a length limit, no control characters) and names the field when it refuses one;
 * these schemas check shapes. Instants are ISO 8601 strings (UTC).
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const wording = z.string({ message: 'Enter some text.' }).max(20_000, 'Too long.');

// What answers carry (plain strings: the schemas of answers describe, they do not validate).
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const threadKind = z.enum(THREAD_KINDS);

const threadFields = {
  id,
  kind: threadKind,
  subject: z.string().nullable(),
  participantIds: z.array(id),
  createdBy: id,
  createdAt: at,
  lastSeq: z.number().int(),
  lastMessageAt: at.nullable(),
  leadOversight: z.boolean(),
};

export const ThreadSummary = z.object({ ...threadFields, unreadCount: z.number().int(), lastReadSeq: z.number().int() }).meta({ id: 'ThreadSummary', example: { id: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', kind: 'family', subject: 'Exam pieces', participantIds: ['8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9'], createdBy: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', createdAt: '2026-09-10T08:00:00.000Z', lastSeq: 3, lastMessageAt: '2026-09-14T17:45:00.000Z', leadOversight: false, unreadCount: 1, lastReadSeq: 2 } });
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const Thread = z.object(threadFields).meta({ id: 'Thread', example: { id: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', kind: 'family', subject: 'Exam pieces', participantIds: ['8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9'], createdBy: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', createdAt: '2026-09-10T08:00:00.000Z', lastSeq: 3, lastMessageAt: '2026-09-14T17:45:00.000Z', leadOversight: false } });
export type Thread = z.infer<typeof Thread>;

/** A file on a message. Download it from `/threads/{threadId}/attachments/{id}`. */
export const MessageAttachment = z
  .object({ id, name: z.string(), contentType: z.string(), size: z.number().int().describe('Bytes.') })
  .meta({ id: 'MessageAttachment', example: { id: '0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e', name: 'Grade 3 scales.pdf', contentType: 'application/pdf', size: 48213 }, description: 'A file on a message. Download it from `/threads/{threadId}/attachments/{id}`.' });
export type MessageAttachment = z.infer<typeof MessageAttachment>;

/** What an upload answers: the attachment, not yet on a message until one is posted with its id. */
export const UploadedAttachment = MessageAttachment.extend({ threadId: id, uploadedAt: at }).meta({
  id: 'UploadedAttachment',
  example: { id: '0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e', name: 'Grade 3 scales.pdf', contentType: 'application/pdf', size: 48213, threadId: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', uploadedAt: '2026-09-14T17:44:00.000Z' },
  description: 'The attachment, not yet on a message until one is posted with its id.',
});
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

export const ThreadMessage = z
  .object({
    id,
    threadId: id,
    seq: z.number().int(),
    authorId: id,
    body: z.string(),
    sentAt: at,
    version: z.number().int(),
    editedAt: at.nullable(),
    attachments: z.array(MessageAttachment),
  })
  .meta({ id: 'ThreadMessage', example: { id: 'e5f6a7b8-c9d0-4e1f-b2a3-4b5c6d7e8f9a', threadId: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', seq: 3, authorId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', body: 'The scales for the exam are attached.', sentAt: '2026-09-14T17:45:00.000Z', version: 1, editedAt: null, attachments: [{ id: '0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e', name: 'Grade 3 scales.pdf', contentType: 'application/pdf', size: 48213 }] } });
export type ThreadMessage = z.infer<typeof ThreadMessage>;

/** One wording of a message: version 1 is what was sent, every edit adds the next. */
export const MessageVersionView = z.object({ version: z.number().int(), body: z.string(), at }).meta({ id: 'MessageVersionView', example: { version: 1, body: 'The scales for the exam.', at: '2026-09-14T17:45:00.000Z' } });
export type MessageVersionView = z.infer<typeof MessageVersionView>;

/** A message as a thread read shows it, with its earlier wordings (oldest first; empty when never edited). */
export const ThreadDetailMessage = ThreadMessage.extend({ previousVersions: z.array(MessageVersionView) }).meta({ id: 'ThreadDetailMessage' });
export type ThreadDetailMessage = z.infer<typeof ThreadDetailMessage>;

export const ReadReceipt = z.object({ userId: id, lastReadSeq: z.number().int(), readAt: at }).meta({ id: 'ReadReceipt', example: { userId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', lastReadSeq: 3, readAt: '2026-09-14T18:02:00.000Z' } });
export type ReadReceipt = z.infer<typeof ReadReceipt>;

export const ThreadDetail = Thread.extend({
  messages: z.array(ThreadDetailMessage),
  receipts: z.array(ReadReceipt),
  /** The safeguarding lead read a thread they are not in (the read was audited). */
  readAsLead: z.boolean(),
}).meta({ id: 'ThreadDetail' });
export type ThreadDetail = z.infer<typeof ThreadDetail>;

/**
 * Someone the caller can name in messaging (`GET /threads/contacts`): whom they may start a
 * thread with (`canStart`), and everyone already in a thread with them.
 */
export const MessagingContact = z
  .object({
    id,
    name: z.string(),
    roles: z.array(z.string()),
    minor: z.boolean(),
    canStart: z.boolean(),
    /** For staff asking: the names of a guardian's children. */
    children: z.array(z.string()),
  })
  .meta({ id: 'MessagingContact', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', name: 'Pat Parker', roles: ['parent'], minor: false, canStart: true, children: ['Sam Parker'] } });
export type MessagingContact = z.infer<typeof MessagingContact>;

export const MessageSearchHit = z
  .object({ threadId: id, messageId: id, seq: z.number().int(), authorId: id, body: z.string(), sentAt: at })
  .meta({ id: 'MessageSearchHit', example: { threadId: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', messageId: 'e5f6a7b8-c9d0-4e1f-b2a3-4b5c6d7e8f9a', seq: 3, authorId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', body: 'The scales for the exam are attached.', sentAt: '2026-09-14T17:45:00.000Z' } });
export type MessageSearchHit = z.infer<typeof MessageSearchHit>;

/** What the safeguarding lead concluded when reviewing a flag. */
export const FLAG_OUTCOMES = ['no_concern', 'action_taken', 'referred'] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];
export const FLAG_STATUSES = ['open', 'reviewed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FlagReview = z
  .object({ outcome: z.enum(FLAG_OUTCOMES), note: z.string(), reviewedBy: id, reviewedAt: at })
  .meta({ id: 'FlagReview', example: { outcome: 'no_concern', note: 'Read the thread; a joke between siblings.', reviewedBy: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', reviewedAt: '2026-09-15T09:00:00.000Z' } });
export type FlagReview = z.infer<typeof FlagReview>;

export const MessageFlag = z
  .object({ id, threadId: id, messageId: id, messageVersion: z.number().int(), flaggedBy: id, reason: z.string(), createdAt: at, status: z.enum(FLAG_STATUSES), review: FlagReview.nullable() })
  .meta({ id: 'MessageFlag', example: { id: '0d1e2f3a-4b5c-4d6e-b7f8-9a0b1c2d3e4f', threadId: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', messageId: 'e5f6a7b8-c9d0-4e1f-b2a3-4b5c6d7e8f9a', messageVersion: 1, flaggedBy: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', reason: 'Please check this wording.', createdAt: '2026-09-14T18:10:00.000Z', status: 'open', review: null } });
export type MessageFlag = z.infer<typeof MessageFlag>;

export const TranscriptPerson = z.object({ id, name: z.string() }).meta({ id: 'TranscriptPerson', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', name: 'Ana Teacher' } });
export type TranscriptPerson = z.infer<typeof TranscriptPerson>;
export const Transcript = z
  .object({
    threadId: id,
    kind: threadKind,
    subject: z.string().nullable(),
    createdAt: at,
    participants: z.array(TranscriptPerson),
    leadOversight: z.boolean(),
    generatedAt: at,
    generatedBy: TranscriptPerson,
    messages: z.array(
      z.object({
        id,
        seq: z.number().int(),
        author: TranscriptPerson,
        sentAt: at,
        versions: z.array(z.object({ version: z.number().int(), body: z.string(), at })),
        flags: z.array(z.object({ id, flaggedBy: TranscriptPerson, reason: z.string(), messageVersion: z.number().int(), at })),
        attachments: z.array(MessageAttachment),
      }),
    ),
  })
  .meta({ id: 'Transcript' });
export type Transcript = z.infer<typeof Transcript>;

/** The school's messaging policy. */
export const MessagingPolicy = z
  .object({
    /** How a minor is protected in a thread with an adult who is not their guardian. */
    minorThreads: z.enum(['require_guardian', 'visible_to_lead']),
    /** Days a thread is kept after every student in it has left the school (30 to 3650; 730 by default). */
    retentionDays: z.number().int(),
    /** The largest attachment in bytes (65536 to 26214400; 10 MiB by default). */
    maxAttachmentBytes: z.number().int(),
  })
  .meta({ id: 'MessagingPolicy', example: { minorThreads: 'require_guardian', retentionDays: 730, maxAttachmentBytes: 10485760 } });
export type MessagingPolicy = z.infer<typeof MessagingPolicy>;

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

export const FlagsQuery = z.strictObject({ threadId: uuid.optional(), status: z.enum(FLAG_STATUSES, { message: 'Either open or reviewed.' }).optional() });
export type FlagsQuery = z.infer<typeof FlagsQuery>;

/** `POST /threads/flags/{flagId}/review`: the lead's outcome and a note of what was looked at and decided. */
export const ReviewFlagRequest = z.strictObject({
  outcome: z.enum(FLAG_OUTCOMES, { message: `One of ${FLAG_OUTCOMES.join(', ')}.` }),
  note: wording,
});
export type ReviewFlagRequest = z.infer<typeof ReviewFlagRequest>;
export const FlagParam = z.strictObject({ flagId: uuid });

/** One of a person's conversations the viewer may open: in their inbox when they are in it, else in the lead's view. */
export const PersonConversation = z
  .object({ id, kind: threadKind, subject: z.string().nullable(), participants: z.array(z.string()), lastMessageAt: at.nullable(), leadOversight: z.boolean(), openAs: z.enum(['inbox', 'lead']), openFlags: z.number().int().nullable() })
  .meta({ id: 'PersonConversation', example: { id: 'd4e5f6a7-b8c9-4d0e-a1f2-3a4b5c6d7e8f', kind: 'family', subject: 'Exam pieces', participants: ['Ana Teacher', 'Pat Parker', 'Sam Parker'], lastMessageAt: '2026-09-14T17:45:00.000Z', leadOversight: false, openAs: 'lead', openFlags: 0 } });
export type PersonConversation = z.infer<typeof PersonConversation>;

/** `GET /people/{personId}/messages`: a person's messages in summary (admins); subjects and people only of what the viewer may open. */
export const PersonMessagesSummary = z
  .object({ personId: id, conversations: z.number().int(), lastMessageAt: at.nullable(), openFlags: z.number().int().nullable(), openable: z.array(PersonConversation) })
  .meta({ id: 'PersonMessagesSummary', example: { personId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', conversations: 3, lastMessageAt: '2026-09-14T17:45:00.000Z', openFlags: null, openable: [] } });
export type PersonMessagesSummary = z.infer<typeof PersonMessagesSummary>;

export const ThreadParam = z.strictObject({ id: uuid });
export const ThreadParticipantParam = z.strictObject({ id: uuid, userId: uuid });
export const ThreadMessageParam = z.strictObject({ id: uuid, messageId: uuid });
export const ThreadAttachmentParam = z.strictObject({ id: uuid, attachmentId: uuid });
