import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { MessagingApi } from '@cadenza/web/messaging/data-access';
import { ThreadMessages, ThreadView } from '@cadenza/web/messaging/feature-inbox';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { finalize, type Observable } from 'rxjs';
import { downloadBlob, downloadTranscript, transcriptFileName } from './transcript-file';

/**
 * A thread as the safeguarding lead reads it: every message with its earlier versions, a banner
 * saying that the read was recorded (the server audits each read from outside the thread), and
 * the transcript export. Read-only: the lead does not post into threads they are not in.
 */
@Component({
  selector: 'cz-lead-thread-page',
  imports: [MatButtonModule, RouterLink, ProblemAlert, ThreadMessages],
  providers: [ThreadView],
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
      <cz-thread-messages [readOnly]="true" />
    } @else if (!problem()) {
      <p class="loading" role="status">Loading the conversation…</p>
    }
  `,
})
export class LeadThreadPage {
  readonly threadId = input.required<string>();
  private readonly api = inject(MessagingApi);
  private readonly view = inject(ThreadView);
  protected readonly detail = this.view.detail;
  protected readonly problem = this.view.problem;
  protected readonly exporting = signal(false);
  protected readonly title = this.view.title;
  protected readonly people = this.view.everyone;
  protected readonly kindLabel = this.view.kindLabel;

  constructor() {
    effect(() => {
      const id = this.threadId();
      untracked(() => this.load(id));
    });
  }

  protected exportJson(): void {
    this.export((id) => this.api.transcript(id), (transcript) => downloadTranscript(transcript));
  }

  protected exportPdf(): void {
    this.export(
      (id) => this.api.transcriptPdf(id),
      (pdf, id) => downloadBlob(pdf, transcriptFileName({ threadId: id, generatedAt: new Date().toISOString() }, 'pdf')),
    );
  }

  /** Fetches the thread's transcript in one format and saves it; a refusal is shown above the thread. */
  private export<T>(fetch: (threadId: string) => Observable<T>, save: (file: T, threadId: string) => void): void {
    const d = this.detail();
    if (!d) return;
    this.exporting.set(true);
    fetch(d.id)
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (file) => save(file, d.id),
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }

  private load(id: string): void {
    this.view.clear();
    this.api.thread(id).subscribe({
      next: (detail) => this.view.show(detail),
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }
}
