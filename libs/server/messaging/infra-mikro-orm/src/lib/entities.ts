import { ArrayType, EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';
import type { EmailContent, FeedContent } from '@cadenza/server/messaging/domain';

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
  reviewOutcome: string | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
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
    reviewOutcome: { type: 'text', nullable: true },
    reviewNote: { type: 'text', nullable: true },
    reviewedBy: { ...uuid, nullable: true },
    reviewedAt: { ...ts, nullable: true },
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

// Notifications: the feed, each person's choices, the school's reminder defaults and the delivery log.

export interface NotificationRow {
  id: string;
  schoolId: string;
  userId: string;
  type: string;
  sourceKey: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}
export interface NotificationPreferenceRow {
  userId: string;
  schoolId: string;
  email: Record<string, boolean>;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
  reminderOffsets: number[] | null;
  updatedAt: Date;
}
export interface NotificationSettingsRow {
  schoolId: string;
  reminderOffsets: number[];
  updatedAt: Date;
}
export interface DeliveryRow {
  id: string;
  schoolId: string;
  key: string;
  recipientId: string;
  type: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  dueAt: Date;
  leaseUntil: Date | null;
  claimToken: string | null;
  sentAt: Date | null;
  lessonId: string | null;
  offsetMinutes: number | null;
  sourceKey: string;
  feed: FeedContent;
  email: EmailContent | null;
  digest: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Whole minutes, as PostgreSQL's `integer[]`. */
const minutes = () => new ArrayType<number>((i) => Number(i));

export const NotificationSchema = new EntitySchema<NotificationRow>({
  name: 'NotificationRow',
  tableName: 'notifications',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    userId: uuid,
    type: { type: 'text' },
    sourceKey: { type: 'text' },
    title: { type: 'text' },
    body: { type: 'text' },
    link: { type: 'text', nullable: true },
    createdAt: ts,
    readAt: { ...ts, nullable: true },
  },
  filters: schoolOwned(),
});

export const NotificationPreferenceSchema = new EntitySchema<NotificationPreferenceRow>({
  name: 'NotificationPreferenceRow',
  tableName: 'notification_preferences',
  properties: {
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    email: { type: 'json' },
    quietStart: { type: 'text', nullable: true },
    quietEnd: { type: 'text', nullable: true },
    timeZone: { type: 'text' },
    reminderOffsets: { type: minutes(), columnType: 'integer[]', nullable: true },
    updatedAt: ts,
  },
  filters: schoolOwned(),
});

export const NotificationSettingsSchema = new EntitySchema<NotificationSettingsRow>({
  name: 'NotificationSettingsRow',
  tableName: 'notification_settings',
  properties: {
    schoolId: { ...uuid, primary: true },
    reminderOffsets: { type: minutes(), columnType: 'integer[]' },
    updatedAt: ts,
  },
  filters: schoolOwned(),
});

export const DeliverySchema = new EntitySchema<DeliveryRow>({
  name: 'NotificationDeliveryRow',
  tableName: 'notification_deliveries',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    key: { type: 'text' },
    recipientId: uuid,
    type: { type: 'text' },
    channel: { type: 'text' },
    status: { type: 'text' },
    reason: { type: 'text', nullable: true },
    attempts: { type: 'integer' },
    dueAt: ts,
    leaseUntil: { ...ts, nullable: true },
    claimToken: { ...uuid, nullable: true },
    sentAt: { ...ts, nullable: true },
    lessonId: { ...uuid, nullable: true },
    offsetMinutes: { type: 'integer', nullable: true },
    sourceKey: { type: 'text' },
    feed: { type: 'json' },
    email: { type: 'json', nullable: true },
    digest: { type: 'boolean', default: false },
    createdAt: ts,
    updatedAt: ts,
  },
  filters: schoolOwned(),
});

export const messagingEntities = [
  ThreadSchema,
  ParticipantSchema,
  MessageSchema,
  MessageVersionSchema,
  ReadReceiptSchema,
  FlagSchema,
  AttachmentSchema,
  MessagingPolicySchema,
  NotificationSchema,
  NotificationPreferenceSchema,
  NotificationSettingsSchema,
  DeliverySchema,
];
