import type { Id } from '@cadenza/shared/kernel';

export type ThreadId = Id<'Thread'>;
export type MessageId = Id<'Message'>;
export type FlagId = Id<'MessageFlag'>;
export type AttachmentId = Id<'Attachment'>;
