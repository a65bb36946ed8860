import type { MessageSearchHit, ThreadDetail, ThreadSummary } from '@cadenza/shared/contracts';
import type { MessageAttachment } from '@cadenza/shared/contracts';
import { ATTACHMENT_KIND_BADGES, ATTACHMENT_KIND_LABELS, attachmentKind, fileSize, type PendingAttachment } from '@cadenza/web/messaging/data-access';
import { fullTime, listTime, messageTime, nameOf, participantNames, seenBy, THREAD_KIND_LABELS, threadTitle, type Names } from '@cadenza/web/messaging/data-access';
import type { AttachmentRow, ComposerFile, MessageRow, ThreadRow } from '@cadenza/web/messaging/ui';

export interface Viewer {
  meId: string | null;
  names: Names;
  timeZone: string;
  now: Date;
  /** Blob URLs of image previews fetched so far, by attachment id. */
  previews?: ReadonlyMap<string, string>;
}

/** The thread list's lines: subject or people, the people (or the kind), last activity, unread count. */
export function threadRows(threads: readonly ThreadSummary[], v: Viewer): ThreadRow[] {
  return threads.map((t) => {
    const at = t.lastMessageAt ?? t.createdAt;
    return {
      id: t.id,
      title: threadTitle(t, v.names, v.meId),
      subtitle: t.subject?.trim() ? participantNames(t, v.names, v.meId) : THREAD_KIND_LABELS[t.kind],
      time: listTime(at, v.timeZone, v.now),
      fullTime: fullTime(at, v.timeZone),
      unread: t.unreadCount,
    };
  });
}

/** A conversation's messages, oldest first, with authors' names, times and "Seen by …". */
export function messageRows(detail: ThreadDetail, v: Viewer): MessageRow[] {
  return [...detail.messages]
    .sort((a, b) => a.seq - b.seq)
    .map((m) => ({
      id: m.id,
      seq: m.seq,
      authorName: nameOf(v.names, m.authorId, v.meId),
      mine: m.authorId === v.meId,
      body: m.body,
      time: messageTime(m.sentAt, v.timeZone, v.now),
      fullTime: fullTime(m.sentAt, v.timeZone),
      edited: m.version > 1,
      seenBy: seenBy(m.seq, m.authorId, detail.receipts, v.names, v.meId),
      attachments: attachmentRows(m.attachments ?? [], v.previews),
    }));
}

/** A message's files: name, kind, size in words, and the preview when one has been fetched. */
export function attachmentRows(attachments: readonly MessageAttachment[], previews?: ReadonlyMap<string, string>): AttachmentRow[] {
  return attachments.map((a) => {
    const kind = attachmentKind(a.contentType);
    return { id: a.id, name: a.name, size: fileSize(a.size), kindLabel: ATTACHMENT_KIND_LABELS[kind], badge: ATTACHMENT_KIND_BADGES[kind], previewUrl: previews?.get(a.id) ?? null };
  });
}

/** The composer's files as it shows them. */
export function composerFiles(pending: readonly PendingAttachment[]): ComposerFile[] {
  return pending.map((p) => {
    const kind = attachmentKind(p.contentType);
    return { key: p.key, name: p.name, size: fileSize(p.size), kindLabel: ATTACHMENT_KIND_LABELS[kind], badge: ATTACHMENT_KIND_BADGES[kind], state: p.state, progress: p.progress, error: p.error };
  });
}

/** Search hits as list lines, each pointing at its thread. */
export function hitRows(hits: readonly MessageSearchHit[], threads: readonly ThreadSummary[], v: Viewer): ThreadRow[] {
  const byId = new Map(threads.map((t) => [t.id, t]));
  return hits.map((h) => {
    const thread = byId.get(h.threadId);
    return {
      id: h.threadId,
      title: thread ? threadTitle(thread, v.names, v.meId) : 'Conversation',
      subtitle: `${nameOf(v.names, h.authorId, v.meId)}: ${h.body}`,
      time: listTime(h.sentAt, v.timeZone, v.now),
      fullTime: fullTime(h.sentAt, v.timeZone),
      unread: 0,
      messageId: h.messageId,
    };
  });
}

/** The highest message number the viewer has read, from the thread's receipts. */
export function myLastRead(detail: Pick<ThreadDetail, 'receipts'>, meId: string | null): number {
  return detail.receipts.find((r) => r.userId === meId)?.lastReadSeq ?? 0;
}

/** What the composer shows when the server refuses a message: the field's message, else the problem's words. */
export function bodyError(problem: { detail?: string; title: string; errors?: { field: string; message: string }[] } | null): string | null {
  if (!problem) return null;
  const field = problem.errors?.find((e) => e.field === 'body')?.message;
  return field ?? problem.detail ?? problem.title;
}
