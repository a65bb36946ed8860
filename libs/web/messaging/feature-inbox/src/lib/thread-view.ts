import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ProblemDetails, ThreadDetail } from '@cadenza/shared/contracts';
import { AttachmentPreviews, downloadBlob, InboxStore, MessagingApi, participantNames, THREAD_KIND_LABELS, threadTitle } from '@cadenza/web/messaging/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { messageRows } from './rows';
import { VersionsDialog, type VersionsDialogData } from './versions-dialog';

/**
 * One thread as a page shows it, for a participant (the conversation page) or the safeguarding
 * lead (the lead's thread page): the thread as last read, its title, kind and people in words,
 * its messages as rows (names, times in the viewer's zone, image previews), and what every
 * reader may do: download a file and see a message's earlier versions. The page decides when
 * to read and what else it offers. Provide it on the page: it lives and cleans up with it.
 */
@Injectable()
export class ThreadView {
  private readonly api = inject(MessagingApi);
  private readonly store = inject(InboxStore);
  private readonly dialog = inject(MatDialog);
  private readonly previews = new AttachmentPreviews(this.api);
  private readonly meId = computed(() => this.store.me()?.id ?? null);

  readonly detail = signal<ThreadDetail | null>(null);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly title = computed(() => {
    const d = this.detail();
    return d ? threadTitle(d, this.store.names(), this.meId()) : '';
  });
  /** Who else is in the thread. */
  readonly others = computed(() => {
    const d = this.detail();
    return d ? participantNames(d, this.store.names(), this.meId()) : '';
  });
  /** Everyone in the thread (as the lead, reading from outside, sees it). */
  readonly everyone = computed(() => {
    const d = this.detail();
    return d ? participantNames(d, this.store.names(), null) : '';
  });
  readonly kindLabel = computed(() => THREAD_KIND_LABELS[this.detail()?.kind ?? 'group']);
  readonly rows = computed(() => {
    const d = this.detail();
    return d ? messageRows(d, { meId: this.meId(), names: this.store.names(), timeZone: this.store.timeZone(), now: new Date(), previews: this.previews.urls() }) : [];
  });

  constructor() {
    this.store.wantNames();
    inject(DestroyRef).onDestroy(() => this.previews.reset());
  }

  /** Forgets the thread shown (before another is read). */
  clear(): void {
    this.detail.set(null);
    this.problem.set(null);
    this.previews.reset();
  }

  /** Shows a thread as read: its messages, its image previews, its people's names. */
  show(detail: ThreadDetail): void {
    this.detail.set(detail);
    this.previews.want(detail.id, detail.messages.flatMap((m) => m.attachments ?? []));
    this.store.learnNames(detail.participantIds);
  }

  /** Fetches a file with the access token (the API client's interceptor) and saves it under its name. */
  download(attachmentId: string): void {
    const d = this.detail();
    const attachment = d?.messages.flatMap((m) => m.attachments ?? []).find((a) => a.id === attachmentId);
    if (!d || !attachment) return;
    this.api.attachment(d.id, attachment.id).subscribe({
      next: (blob) => downloadBlob(blob, attachment.name),
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }

  /** Opens a message's earlier wordings. */
  versions(messageId: string): void {
    const message = this.detail()?.messages.find((m) => m.id === messageId);
    if (!message) return;
    const data: VersionsDialogData = { message, authorName: this.rows().find((r) => r.id === messageId)?.authorName ?? 'Someone', timeZone: this.store.timeZone() };
    this.dialog.open(VersionsDialog, { data, width: '520px', maxWidth: '94vw' });
  }
}
