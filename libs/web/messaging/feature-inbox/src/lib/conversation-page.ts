import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import type { ThreadDetail } from '@cadenza/shared/contracts';
import { ACCEPTED_ATTACHMENT_TYPES, InboxStore, MessagingApi, PendingUploads } from '@cadenza/web/messaging/data-access';
import { Composer } from '@cadenza/web/messaging/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { filter } from 'rxjs/operators';
import { ThreadMessages } from './thread-messages';
import { bodyError, composerFiles, myLastRead } from './rows';
import { TextDialog, type TextDialogData } from './text-dialog';
import { ThreadView } from './thread-view';

/**
 * One conversation: its messages (with "Seen by …", earlier versions and files), the composer
 * (with files uploaded as soon as they are picked), edits of one's own messages and flags of
 * others'. Files are downloaded and previewed through the API client, never by a URL with a token. It marks the thread read while shown, and re-reads
 * it over REST whenever the socket says it changed (or came back after a loss).
 */
@Component({
  selector: 'cz-conversation-page',
  imports: [Composer, ProblemAlert, ThreadMessages, RouterLink],
  providers: [ThreadView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
      min-width: 0;
    }
    header {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding-bottom: 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
      overflow-wrap: anywhere;
    }
    .people {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .back {
      display: none;
      align-self: flex-start;
      margin-bottom: 8px;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
    @media (max-width: 799.98px) {
      .back {
        display: inline-block;
      }
    }
    .loading {
      color: var(--mat-sys-on-surface-variant);
    }
    .banner {
      margin: 0;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
  template: `
    <a class="back" routerLink="/messages">← All conversations</a>
    @if (problem()) {
      <cz-problem-alert [problem]="problem()" />
    }
    @if (detail(); as d) {
      <header>
        <h2 data-testid="conversation-title">{{ title() }}</h2>
        <p class="people">{{ kindLabel() }} · with {{ people() }}</p>
      </header>
      @if (d.readAsLead) {
        <p class="banner" role="note" data-testid="audited-read">You are not in this conversation: your read of it has been recorded in the audit trail.</p>
      }
      <cz-thread-messages [readOnly]="d.readAsLead" (edit)="edit($event)" (flag)="flag($event)" />
      @if (!d.readAsLead) {
        <cz-composer
          [error]="sendError()"
          [sending]="sending()"
          [canAttach]="true"
          [accept]="accept"
          [files]="files()"
          [busy]="uploads.uploading()"
          (send)="send($event)"
          (attach)="uploads.add($event)"
          (removeFile)="uploads.remove($event)"
        />
      }
    } @else if (!problem()) {
      <p class="loading" role="status">Loading the conversation…</p>
    }
  `,
})
export class ConversationPage {
  /** From the route (`messages/:threadId`). */
  readonly threadId = input.required<string>();
  private readonly api = inject(MessagingApi);
  private readonly store = inject(InboxStore);
  private readonly dialog = inject(MatDialog);
  private readonly composer = viewChild(Composer);
  protected readonly view = inject(ThreadView);
  protected readonly detail = this.view.detail;
  protected readonly problem = this.view.problem;
  protected readonly sendError = signal<string | null>(null);
  protected readonly sending = signal(false);
  private readonly meId = computed(() => this.store.me()?.id ?? null);
  private loading = false;
  private again = false;
  protected readonly accept = ACCEPTED_ATTACHMENT_TYPES;
  protected readonly uploads = new PendingUploads(this.api, () => this.threadId());
  protected readonly files = computed(() => composerFiles(this.uploads.items()));

  protected readonly title = this.view.title;
  protected readonly people = this.view.others;
  protected readonly kindLabel = this.view.kindLabel;

  constructor() {
    effect(() => {
      const id = this.threadId();
      untracked(() => {
        this.view.clear();
        this.sendError.set(null);
        this.uploads.clear();
        this.reload(id);
      });
    });
    const sub = this.store.threadChanged.pipe(filter((id) => id === null || id === this.threadId())).subscribe(() => this.reload(this.threadId()));
    inject(DestroyRef).onDestroy(() => {
      sub.unsubscribe();
      this.uploads.clear();
    });
  }

  protected send(text: string): void {
    const d = this.detail();
    if (!d) return;
    this.sending.set(true);
    this.sendError.set(null);
    this.api.post(d.id, text, this.uploads.readyIds()).subscribe({
      next: () => {
        this.sending.set(false);
        this.uploads.clear();
        this.composer()?.clear();
        this.reload(d.id);
        this.store.reloadThreads();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.sendError.set(bodyError(toProblem(error)));
      },
    });
  }

  protected edit(messageId: string): void {
    const d = this.detail();
    const message = d?.messages.find((m) => m.id === messageId);
    if (!d || !message) return;
    const data: TextDialogData = {
      title: 'Edit your message',
      intro: 'Everyone in the conversation can see that it was edited, and its earlier wording.',
      label: 'Message',
      field: 'body',
      initial: message.body,
      confirm: 'Save',
      submit: (text) => this.api.edit(d.id, messageId, text),
    };
    this.dialog.open(TextDialog, { data, width: '520px', maxWidth: '94vw' }).afterClosed().subscribe((saved) => saved && this.reload(d.id));
  }

  protected flag(messageId: string): void {
    const d = this.detail();
    if (!d) return;
    const data: TextDialogData = {
      title: 'Flag this message?',
      intro: 'The school’s safeguarding lead will see the message, the conversation and your reason. The people in the conversation are not told.',
      label: 'Reason',
      field: 'reason',
      confirm: 'Flag to the safeguarding lead',
      submit: (reason) => this.api.flag(d.id, messageId, reason),
    };
    this.dialog.open(TextDialog, { data, width: '520px', maxWidth: '94vw' });
  }

  /** Re-reads the thread (one request at a time; a change during one asks for another). */
  private reload(id: string): void {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    this.api.thread(id).subscribe({
      next: (detail) => {
        if (detail.id !== this.threadId()) return;
        this.view.show(detail);
        this.markRead(detail);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    }).add(() => {
      this.loading = false;
      if (this.again) {
        this.again = false;
        this.reload(this.threadId());
      }
    });
  }

  /** Everything shown is read: tell the server when there is something new (and only to participants). */
  private markRead(detail: ThreadDetail): void {
    const meId = this.meId();
    if (!meId || !detail.participantIds.includes(meId) || detail.lastSeq === 0) return;
    if (myLastRead(detail, meId) >= detail.lastSeq) return;
    this.store.markSeenLocally(detail.id, detail.lastSeq);
    this.api.markRead(detail.id, detail.lastSeq).subscribe({ next: () => this.store.reloadThreads(), error: () => undefined });
  }
}
