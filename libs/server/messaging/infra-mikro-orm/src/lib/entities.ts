import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

/** Rows as PostgreSQL holds them; only this library knows them. */
export interface ThreadRow {
  id: string;
  schoolId: string;
  kind: string;
  subject: string | null;
  createdBy: string;
  createdAt: Date;
  lastSeq: number;
  lastMessageAt: Date | null;
  leadOversight: boolean;
}
export interface ParticipantRow {
  threadId: string;
  userId: string;
  schoolId: string;
  position: number;
}
export interface MessageRow {
  id: string;
  schoolId: string;
  threadId: string;
  authorId: string;
  seq: number;
  sentAt: Date;
}
export interface MessageVersionRow {
  messageId: string;
  version: number;
  schoolId: string;
  body: string;
  at: Date;
}
export interface ReadReceiptRow {
  threadId: string;
  userId: string;
  schoolId: string;
  lastReadSeq: number;
  readAt: Date;
}
export interface FlagRow {
  id: string;
  schoolId: string;
  threadId: string;
  messageId: string;
  messageVersion: number;
  flaggedBy: string;
  reason: string;
  createdAt: Date;
}
export interface AttachmentRow {
  id: string;
  schoolId: string;
  threadId: string;
  messageId: string | null;
  uploadedBy: string;
  uploadedAt: Date;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}
export interface MessagingPolicyRow {
  schoolId: string;
  minorThreads: string;
  retentionDays: number;
  maxAttachmentBytes: number;
}

const uuid = { type: 'uuid' } as const;
const ts = { type: 'datetime', columnType: 'timestamptz' } as const;

export const ThreadSchema = new EntitySchema<ThreadRow>({
  name: 'MessageThreadRow',
  tableName: 'message_threads',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    kind: { type: 'text' },
    subject: { type: 'text', nullable: true },
    createdBy: uuid,
    createdAt: ts,
    lastSeq: { type: 'integer' },
    lastMessageAt: { ...ts, nullable: true },
    leadOversight: { type: 'boolean' },
  },
  filters: schoolOwned(),
});

export const ParticipantSchema = new EntitySchema<ParticipantRow>({
  name: 'MessageThreadParticipantRow',
  tableName: 'message_thread_participants',
  properties: {
    threadId: { ...uuid, primary: true },
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    position: { type: 'integer' },
  },
  filters: schoolOwned(),
});

export const MessageSchema = new EntitySchema<MessageRow>({
  name: 'MessageRow',
  tableName: 'messages',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    threadId: uuid,
    authorId: uuid,
    seq: { type: 'integer' },
    sentAt: ts,
  },
  filters: schoolOwned(),
});

/** Append-only (a trigger refuses updates and deletes). */
export const MessageVersionSchema = new EntitySchema<MessageVersionRow>({
  name: 'MessageVersionRow',
  tableName: 'message_versions',
  properties: {
    messageId: { ...uuid, primary: true },
    version: { type: 'integer', primary: true },
    schoolId: uuid,
    body: { type: 'text' },
    at: ts,
  },
  filters: schoolOwned(),
});

export const ReadReceiptSchema = new EntitySchema<ReadReceiptRow>({
  name: 'MessageReadReceiptRow',
  tableName: 'message_read_receipts',
  properties: {
    threadId: { ...uuid, primary: true },
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    lastReadSeq: { type: 'integer' },
    readAt: ts,
  },
  filters: schoolOwned(),
});

export const FlagSchema = new EntitySchema<FlagRow>({
  name: 'MessageFlagRow',
  tableName: 'message_flags',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    threadId: uuid,
    messageId: uuid,
    messageVersion: { type: 'integer' },
    flaggedBy: uuid,
    reason: { type: 'text' },
    createdAt: ts,
  },
  filters: schoolOwned(),
});

/** Attachment records; the bytes are in the `AttachmentStore`, by `sha256`. */
export const AttachmentSchema = new EntitySchema<AttachmentRow>({
  name: 'MessageAttachmentRow',
  tableName: 'message_attachments',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    threadId: uuid,
    messageId: { ...uuid, nullable: true },
    uploadedBy: uuid,
    uploadedAt: ts,
    name: { type: 'text' },
    contentType: { type: 'text' },
    size: { type: 'integer' },
    sha256: { type: 'text' },
  },
  filters: schoolOwned(),
});

export const MessagingPolicySchema = new EntitySchema<MessagingPolicyRow>({
  name: 'MessagingPolicyRow',
  tableName: 'messaging_policies',
  properties: {
    schoolId: { ...uuid, primary: true },
    minorThreads: { type: 'text' },
    retentionDays: { type: 'integer' },
    maxAttachmentBytes: { type: 'integer' },
  },
  filters: schoolOwned(),
});

export const messagingEntities = [ThreadSchema, ParticipantSchema, MessageSchema, MessageVersionSchema, ReadReceiptSchema, FlagSchema, AttachmentSchema, MessagingPolicySchema];
