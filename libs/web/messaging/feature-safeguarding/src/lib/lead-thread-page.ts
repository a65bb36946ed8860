import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import type { ProblemDetails, ThreadDetail } from '@cadenza/shared/contracts';
import { AttachmentPreviews, InboxStore, MessagingApi, participantNames, THREAD_KIND_LABELS, threadTitle } from '@cadenza/web/messaging/data-access';
import { messageRows, VersionsDialog, type VersionsDialogData } from '@cadenza/web/messaging/feature-inbox';
import { MessageList } from '@cadenza/web/messaging/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { downloadBlob, downloadTranscript, transcriptFileName } from './transcript-file';

/**
 * A thread as the safeguarding lead reads it: every message with its earlier versions, a banner
 * saying that the read was recorded (the server audits each read from outside the thread), and
 * the transcript export. Read-only: the lead does not post into threads they are not in.
 */
@Component({
  selector: 'cz-lead-thread-page',
  imports: [MatButtonModule, RouterLink, MessageList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .back {
      display: inline-block;
      margin-bottom: 12px;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
      overflow-wrap: anywhere;
    }
    .people {
      margin: 4px 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .banner {
      margin: 0 0 16px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .exports {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 24px;
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 12px;
    }
    .loading {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    <a class="back" routerLink="/safeguarding">← Safeguarding</a>
    <cz-problem-alert [problem]="problem()" />
    @if (detail(); as d) {
      <h1>{{ title() }}</h1>
      <p class="people">{{ kindLabel() }} · {{ people() }}</p>
      @if (d.readAsLead) {
        <p class="banner" role="note" data-testid="audited-read">You are not in this conversation: your read of it has been recorded in the audit trail, with your name and the time.</p>
      }
      <div class="exports">
        <button matButton="outlined" type="button" [disabled]="exporting()" (click)="exportJson()">Export transcript (JSON)</button>
        <button matButton="outlined" type="button" [disabled]="exporting()" (click)="exportPdf()" data-testid="export-pdf">Export transcript (PDF)</button>
      </div>
      <cz-message-list
        [messages]="rows()"
        [canEdit]="false"
        [canFlag]="false"
        [label]="'Messages in ' + title()"
        (showVersions)="versions($event)"
        (download)="download($event)"
      />
    } @else if (!problem()) {
      <p class="loading" role="status">Loading the conversation…</p>
    }
  `,
})
export class LeadThreadPage {
  readonly threadId = input.required<string>();
  private readonly api = inject(MessagingApi);
  private readonly store = inject(InboxStore);
  private readonly dialog = inject(MatDialog);
  protected readonly detail = signal<ThreadDetail | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly exporting = signal(false);
  private readonly previews = new AttachmentPreviews(this.api);
  private readonly meId = computed(() => this.store.me()?.id ?? null);
  protected readonly title = computed(() => {
    const d = this.detail();
    return d ? threadTitle(d, this.store.names(), this.meId()) : '';
  });
  protected readonly people = computed(() => {
    const d = this.detail();
    return d ? participantNames(d, this.store.names(), null) : '';
  });
  protected readonly kindLabel = computed(() => THREAD_KIND_LABELS[this.detail()?.kind ?? 'group']);
  protected readonly rows = computed(() => {
    const d = this.detail();
    return d ? messageRows(d, { meId: this.meId(), names: this.store.names(), timeZone: this.store.timeZone(), now: new Date(), previews: this.previews.urls() }) : [];
  });

  constructor() {
    this.store.wantNames();
    effect(() => {
      const id = this.threadId();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.previews.reset());
  }

  /** Downloads a file through the API client (the lead's download from outside the thread is audited). */
  protected download(attachmentId: string): void {
    const d = this.detail();
    const attachment = d?.messages.flatMap((m) => m.attachments ?? []).find((a) => a.id === attachmentId);
    if (!d || !attachment) return;
    this.api.attachment(d.id, attachment.id).subscribe({
      next: (blob) => downloadBlob(blob, attachment.name),
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }

  protected exportJson(): void {
    const d = this.detail();
    if (!d) return;
    this.exporting.set(true);
    this.api.transcript(d.id).subscribe({
      next: (transcript) => {
        downloadTranscript(transcript);
        this.exporting.set(false);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.exporting.set(false);
      },
    });
  }

  protected exportPdf(): void {
    const d = this.detail();
    if (!d) return;
    this.exporting.set(true);
    this.api.transcriptPdf(d.id).subscribe({
      next: (pdf) => {
        downloadBlob(pdf, transcriptFileName({ threadId: d.id, generatedAt: new Date().toISOString() }, 'pdf'));
        this.exporting.set(false);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.exporting.set(false);
      },
    });
  }

  protected versions(messageId: string): void {
    const message = this.detail()?.messages.find((m) => m.id === messageId);
    if (!message) return;
    const data: VersionsDialogData = { message, authorName: this.rows().find((r) => r.id === messageId)?.authorName ?? 'Someone', timeZone: this.store.timeZone() };
    this.dialog.open(VersionsDialog, { data, width: '520px', maxWidth: '94vw' });
  }

  private load(id: string): void {
    this.detail.set(null);
    this.problem.set(null);
    this.previews.reset();
    this.api.thread(id).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        this.previews.want(detail.id, detail.messages.flatMap((m) => m.attachments ?? []));
        this.store.learnNames(detail.participantIds);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }
}
