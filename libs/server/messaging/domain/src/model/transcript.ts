import type { UserId } from '@cadenza/shared/kernel';
import type { Attachment, AttachmentSummary } from './attachment.js';
import type { MessageFlag } from './flag.js';
import type { FlagId, MessageId, ThreadId } from './ids.js';
import type { Message } from './message.js';
import type { Thread, ThreadKind } from './thread.js';

export interface TranscriptPerson {
  id: UserId;
  name: string;
}

export interface TranscriptFlag {
  id: FlagId;
  flaggedBy: TranscriptPerson;
  reason: string;
  messageVersion: number;
  at: Date;
}

export interface TranscriptMessage {
  id: MessageId;
  seq: number;
  author: TranscriptPerson;
  sentAt: Date;
  versions: { version: number; body: string; at: Date }[];
  flags: TranscriptFlag[];
  attachments: AttachmentSummary[];
}

export interface Transcript {
  threadId: ThreadId;
  kind: ThreadKind;
  subject: string | null;
  createdAt: Date;
  participants: TranscriptPerson[];
  leadOversight: boolean;
  generatedAt: Date;
  generatedBy: TranscriptPerson;
  messages: TranscriptMessage[];
}

/**
 * The structured transcript of a thread for the safeguarding lead: every message in order with
 * every version, every flag and the names of its attachments. Pure; rendering (PDF, print) belongs to an adapter.
 * People the directory no longer knows appear as "Unknown person".
 */
export function buildTranscript(input: {
  thread: Thread;
  messages: readonly Message[];
  flags: readonly MessageFlag[];
  attachments?: readonly Attachment[];
  names: ReadonlyMap<UserId, string>;
  generatedBy: UserId;
  generatedAt: Date;
}): Transcript {
  const person = (id: UserId): TranscriptPerson => ({ id, name: input.names.get(id) ?? 'Unknown person' });
  const messages = [...input.messages].sort((a, b) => a.seq - b.seq);
  return {
    threadId: input.thread.id,
    kind: input.thread.kind,
    subject: input.thread.subject,
    createdAt: input.thread.createdAt,
    participants: input.thread.participantIds.map(person),
    leadOversight: input.thread.leadOversight,
    generatedAt: new Date(input.generatedAt.getTime()),
    generatedBy: person(input.generatedBy),
    messages: messages.map((m) => ({
      id: m.id,
      seq: m.seq,
      author: person(m.authorId),
      sentAt: m.sentAt,
      versions: m.versions.map((v) => ({ version: v.version, body: v.body, at: v.at })),
      flags: input.flags
        .filter((f) => f.messageId === m.id)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((f) => ({ id: f.id, flaggedBy: person(f.flaggedBy), reason: f.reason, messageVersion: f.messageVersion, at: f.createdAt })),
      attachments: (input.attachments ?? []).filter((a) => a.messageId === m.id).map((a) => a.summary()),
    })),
  };
}
