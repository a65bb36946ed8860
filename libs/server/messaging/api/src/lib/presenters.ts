import type {
  MessageFlag as FlagView,
  MessageSearchHit,
  MessagingContact,
  PersonMessagesSummary as PersonMessagesView,
  ReadReceipt as ReceiptView,
  Thread as ThreadView,
  ThreadDetail,
  ThreadMessage,
  ThreadSummary as SummaryView,
  Transcript as TranscriptView,
  UploadedAttachment,
} from '@cadenza/shared/contracts';
import type { Attachment, Contact, AttachmentSummary, Message, MessageFlag, MessageHit, MessageView, PersonMessagesSummary, ReadReceipt, Thread, ThreadSummary, ThreadView as DomainThreadView, Transcript } from '@cadenza/server/messaging/domain';

const iso = (d: Date) => d.toISOString();

export function presentThread(thread: Thread): ThreadView {
  const s = thread.snapshot();
  return {
    id: s.id,
    kind: s.kind,
    subject: s.subject,
    participantIds: [...s.participantIds],
    createdBy: s.createdBy,
    createdAt: iso(s.createdAt),
    lastSeq: s.lastSeq,
    lastMessageAt: s.lastMessageAt ? iso(s.lastMessageAt) : null,
    leadOversight: s.leadOversight,
  };
}

export const presentSummary = (summary: ThreadSummary): SummaryView => ({ ...presentThread(summary.thread), unreadCount: summary.unreadCount, lastReadSeq: summary.lastReadSeq });

export const presentMessage = (message: Message, attachments: readonly AttachmentSummary[] = []): ThreadMessage => ({
  id: message.id,
  threadId: message.threadId,
  seq: message.seq,
  authorId: message.authorId,
  body: message.body,
  sentAt: iso(message.sentAt),
  version: message.version,
  editedAt: message.editedAt ? iso(message.editedAt) : null,
  attachments: attachments.map((a) => ({ ...a })),
});

export function presentUpload(attachment: Attachment): UploadedAttachment {
  const s = attachment.snapshot();
  return { id: s.id, threadId: s.threadId, name: s.name, contentType: s.contentType, size: s.size, uploadedAt: iso(s.uploadedAt) };
}

export const presentReceipt = (receipt: ReadReceipt): ReceiptView => ({ userId: receipt.userId, lastReadSeq: receipt.lastReadSeq, readAt: iso(receipt.readAt) });

export function presentThreadDetail(view: DomainThreadView): ThreadDetail {
  const threadId = view.thread.id;
  return {
    ...presentThread(view.thread),
    messages: view.messages.map((m: MessageView) => ({
      id: m.id,
      threadId,
      seq: m.seq,
      authorId: m.authorId,
      body: m.body,
      sentAt: iso(m.sentAt),
      version: m.version,
      editedAt: m.editedAt ? iso(m.editedAt) : null,
      attachments: m.attachments.map((a) => ({ ...a })),
      previousVersions: m.previousVersions.map((v) => ({ version: v.version, body: v.body, at: iso(v.at) })),
    })),
    receipts: view.receipts.map(presentReceipt),
    readAsLead: view.readAsLead,
  };
}

export const presentContact = (c: Contact): MessagingContact => ({ id: c.id, name: c.name, roles: [...c.roles], minor: c.minor, canStart: c.canStart, children: [...c.children] });

export const presentHit = (hit: MessageHit): MessageSearchHit => ({ ...hit, sentAt: iso(hit.sentAt) });

export function presentFlag(flag: MessageFlag): FlagView {
  const s = flag.snapshot();
  const review = s.review ? { outcome: s.review.outcome, note: s.review.note, reviewedBy: s.review.reviewedBy, reviewedAt: iso(s.review.reviewedAt) } : null;
  return { id: s.id, threadId: s.threadId, messageId: s.messageId, messageVersion: s.messageVersion, flaggedBy: s.flaggedBy, reason: s.reason, createdAt: iso(s.createdAt), status: flag.status, review };
}

export function presentPersonMessages(summary: PersonMessagesSummary): PersonMessagesView {
  return {
    personId: summary.personId,
    conversations: summary.conversations,
    lastMessageAt: summary.lastMessageAt ? iso(summary.lastMessageAt) : null,
    openFlags: summary.openFlags,
    openable: summary.openable.map(({ thread, participants, openAs, openFlags }) => ({
      id: thread.id,
      kind: thread.kind,
      subject: thread.subject,
      participants,
      lastMessageAt: thread.lastMessageAt ? iso(thread.lastMessageAt) : null,
      leadOversight: thread.leadOversight,
      openAs,
      openFlags,
    })),
  };
}

export function presentTranscript(t: Transcript): TranscriptView {
  return {
    threadId: t.threadId,
    kind: t.kind,
    subject: t.subject,
    createdAt: iso(t.createdAt),
    participants: t.participants,
    leadOversight: t.leadOversight,
    generatedAt: iso(t.generatedAt),
    generatedBy: t.generatedBy,
    messages: t.messages.map((m) => ({
      id: m.id,
      seq: m.seq,
      author: m.author,
      sentAt: iso(m.sentAt),
      versions: m.versions.map((v) => ({ version: v.version, body: v.body, at: iso(v.at) })),
      flags: m.flags.map((f) => ({ id: f.id, flaggedBy: f.flaggedBy, reason: f.reason, messageVersion: f.messageVersion, at: iso(f.at) })),
      attachments: m.attachments.map((a) => ({ ...a })),
    })),
  };
}
