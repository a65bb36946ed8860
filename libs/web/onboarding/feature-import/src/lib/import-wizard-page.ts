import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportInvitations, ImportKindInfo, ImportKindName, ImportPreview, ImportProgress, ImportReport, ProblemDetails } from '@cadenza/shared/contracts';
import { ImportApi } from '@cadenza/web/onboarding/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { Subscription, switchMap, timer } from 'rxjs';

type Step = 'preview' | 'dry-run' | 'commit';

/** What the report says in one sentence. */
export function reportSummary(report: ImportReport, kind: ImportKindInfo | undefined): string {
  const unit = kind?.kind === 'families' ? 'families' : 'rows';
  const rows = new Set(report.problems.map((p) => p.row)).size;
  const counts = `${report.created} ${unit} new, ${report.unchanged} already there`;
  if (report.committed) return `Imported: ${counts}.`;
  return rows > 0 ? `${rows} ${rows === 1 ? 'row has' : 'rows have'} problems; nothing was imported. Fix them in the file and choose it again.` : `Ready to import: ${counts}. Nothing is written yet.`;
}

/** What inviting an import's people did, in one sentence. */
export function invitationsSummary(i: ImportInvitations): string {
  const parts = [`${i.sent} ${i.sent === 1 ? 'invitation' : 'invitations'} sent`];
  if (i.alreadyInvited > 0) parts.push(`${i.alreadyInvited} already invited`);
  if (i.notInvitable > 0) parts.push(`${i.notInvitable} without an email or signing in already`);
  const sentence = `${parts.join(', ')}.`;
  return i.waiting > 0 ? `${sentence} ${i.waiting} more wait for the invitations’ limit: invite again in ${i.retryAfterSeconds ?? 1} seconds.` : sentence;
}

/**
 * The console's import wizard (admins): choose a kind and a CSV file (or download the kind's template), match the
 * file's columns to the fields with its first rows in view, check it (a dry run listing every row's problems by row
 * and column), then import it in one go with its progress shown; then, when the admin chooses, invite the people it
 * created (nobody imported is mailed before).
 */
@Component({
  selector: 'cz-import-wizard-page',
  imports: [MatButtonModule, MatProgressBarModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 1000px;
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
    }
    h2 {
      margin: 24px 0 8px;
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin: 0 0 12px;
      padding: 0;
      border: 0;
    }
    legend {
      margin-bottom: 8px;
      font: var(--mat-sys-label-large);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 6px;
      min-height: 44px;
      font: var(--mat-sys-body-large);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin-bottom: 12px;
    }
    label.field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
      max-width: 100%;
      font: var(--mat-sys-label-large);
    }
    input[type='file'],
    select {
      box-sizing: border-box;
      min-height: 44px;
      padding: 8px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
      max-width: 100%;
    }
    .mapping {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 12px 16px;
      margin-bottom: 16px;
    }
    .scroll {
      overflow-x: auto;
      margin-bottom: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font: var(--mat-sys-body-medium);
    }
    caption {
      padding: 8px 12px;
      text-align: start;
      font: var(--mat-sys-label-large);
    }
    th,
    td {
      padding: 8px 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
      vertical-align: top;
    }
    th {
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    .summary {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      font: var(--mat-sys-title-medium);
    }
    .summary.bad {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .summary.good {
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    cz-problem-alert {
      display: block;
      margin: 12px 0;
    }
    mat-progress-bar {
      margin: 8px 0;
    }
  `,
  template: `
    <h1>Import</h1>
    <p>
      Bring a school’s records in from spreadsheets saved as CSV, one kind per file: rooms and teachers first, then families, then weekly lessons, which name
      them. A file is checked in full before anything is written, and importing the same file again changes nothing. People imported get no mail until you invite them, once the import is done.
    </p>

    <h2>1. Choose the file</h2>
    <fieldset>
      <legend>What the file holds</legend>
      @for (k of kinds(); track k.kind) {
        <label class="choice">
          <input type="radio" name="kind" [value]="k.kind" [checked]="kind() === k.kind" (change)="choose(k.kind)" />
          {{ k.title }}
        </label>
      }
    </fieldset>
    <div class="row">
      <label class="field">
        CSV file
        <input #picker type="file" accept=".csv,text/csv" data-testid="import-file" (change)="pick(picker.files?.[0] ?? null)" />
      </label>
      <button matButton="outlined" type="button" (click)="downloadTemplate()">Download the template</button>
    </div>
    @if (kindInfo(); as info) {
      <p class="muted">Columns of the template: {{ labels(info) }}.</p>
    }
    <cz-problem-alert [problem]="problem()" />
    @if (busy() === 'preview') {
      <p role="status">Reading the file…</p>
    }

    @if (preview(); as p) {
      <h2>2. Match the columns</h2>
      <p>{{ p.rowCount }} rows in {{ fileName() }}. Choose the column each field comes from; the first rows are shown below.</p>
      <div class="mapping">
        @for (f of kindInfo()?.fields ?? []; track f.key) {
          <label class="field">
            {{ f.label }}{{ f.required ? ' (required)' : '' }}
            <select [attr.data-field]="f.key" [value]="mapping()[f.key] ?? ''" (change)="map(f.key, $any($event.target).value)">
              <option value="">Not in the file</option>
              @for (c of p.columns; track c) {
                <option [value]="c" [selected]="mapping()[f.key] === c">{{ c }}</option>
              }
            </select>
          </label>
        }
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label="The file’s first rows">
        <table>
          <caption>The file’s first rows</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              @for (c of p.columns; track c) {
                <th scope="col">{{ c }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (r of p.firstRows; track $index) {
              <tr>
                <th scope="row">{{ $index + 2 }}</th>
                @for (cell of r; track $index) {
                  <td>{{ cell }}</td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
      <div class="row">
        <button matButton="filled" type="button" [disabled]="!!busy()" (click)="check()">Check the file</button>
        @if (busy() === 'dry-run') {
          <span role="status">Checking every row…</span>
        }
      </div>
    }

    @if (report(); as r) {
      <h2>3. Check</h2>
      <p class="summary" role="status" data-testid="import-summary" [class.bad]="r.problems.length > 0" [class.good]="r.committed">{{ summary(r) }}</p>
      @if (r.problems.length > 0) {
        <div class="scroll" tabindex="0" role="region" aria-label="Problems, by row and column">
          <table data-testid="import-problems">
            <caption>Problems, by row and column</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              @for (p of r.problems; track $index) {
                <tr>
                  <th scope="row">{{ p.row }}</th>
                  <td>{{ p.column ?? 'the whole row' }}</td>
                  <td>{{ p.message }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (!r.committed) {
        <h2>4. Import</h2>
        <div class="row">
          <button matButton="filled" type="button" [disabled]="!!busy()" (click)="commit()">Import {{ fileName() }}</button>
        </div>
      }
      @if (r.committed && r.created > 0 && (r.kind === 'families' || r.kind === 'teachers')) {
        <h2>5. Invitations</h2>
        <p>Nobody imported has been mailed yet. Invite the people this import created who have an email: each gets one invitation to choose their password, never two.</p>
        <div class="row">
          <button matButton="filled" type="button" [disabled]="!!busy() || inviting()" (click)="invite(r.runId)">Invite this import’s people</button>
        </div>
        @if (invitations(); as i) {
          <p class="summary good" role="status" data-testid="import-invitations">{{ invitationsText(i) }}</p>
        }
      }
      @if (busy() === 'commit') {
        <p role="status">Importing: {{ progressText() }}</p>
        <mat-progress-bar [mode]="progressPercent() === null ? 'indeterminate' : 'determinate'" [value]="progressPercent() ?? 0" aria-label="Import progress" />
      }
    }
  `,
})
export class ImportWizardPage {
  private readonly api = inject(ImportApi);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly kinds = signal<ImportKindInfo[]>([]);
  protected readonly kind = signal<ImportKindName>('families');
  protected readonly file = signal<File | null>(null);
  protected readonly preview = signal<ImportPreview | null>(null);
  protected readonly mapping = signal<Record<string, string>>({});
  protected readonly report = signal<ImportReport | null>(null);
  protected readonly progress = signal<ImportProgress | null>(null);
  protected readonly busy = signal<Step | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly kindInfo = computed(() => this.kinds().find((k) => k.kind === this.kind()));
  protected readonly fileName = computed(() => this.file()?.name ?? 'the file');
  protected readonly progressPercent = computed(() => {
    const p = this.progress();
    return p && p.total > 0 ? Math.round((100 * p.done) / p.total) : null;
  });
  protected readonly progressText = computed(() => {
    const p = this.progress();
    return p && p.total > 0 ? `${p.done} of ${p.total}` : 'starting…';
  });
  protected readonly inviting = signal(false);
  protected readonly invitations = signal<ImportInvitations | null>(null);
  private polling: Subscription | null = null;

  constructor() {
    this.api.kinds().subscribe({ next: (kinds) => this.kinds.set(kinds), error: (e: unknown) => this.problem.set(toProblem(e)) });
    this.destroyRef.onDestroy(() => this.polling?.unsubscribe());
  }

  protected labels(info: ImportKindInfo): string {
    return info.fields.map((f) => f.label).join(', ');
  }

  protected summary(report: ImportReport): string {
    return reportSummary(report, this.kindInfo());
  }

  protected invitationsText(i: ImportInvitations): string {
    return invitationsSummary(i);
  }

  /** Invites the committed run's people; pressed again, it sends only to those the limit held back. */
  protected invite(runId: string): void {
    this.inviting.set(true);
    this.problem.set(null);
    this.api.inviteImported(runId).subscribe({
      next: (answer) => {
        this.inviting.set(false);
        this.invitations.set(answer);
      },
      error: (e: unknown) => {
        this.inviting.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected choose(kind: ImportKindName): void {
    this.kind.set(kind);
    const file = this.file();
    if (file) this.pick(file);
  }

  /** Reads the chosen file's headings and first rows, and takes the suggested mapping. */
  protected pick(file: File | null): void {
    this.file.set(file);
    this.preview.set(null);
    this.report.set(null);
    this.invitations.set(null);
    this.problem.set(null);
    if (!file) return;
    this.busy.set('preview');
    this.api.preview(this.kind(), file, file.name).subscribe({
      next: (preview) => {
        this.busy.set(null);
        this.preview.set(preview);
        this.mapping.set(Object.fromEntries(Object.entries(preview.mapping).filter((e): e is [string, string] => e[1] !== null)));
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  protected map(field: string, column: string): void {
    this.report.set(null);
    this.mapping.update((m) => {
      const next = { ...m };
      if (column) next[field] = column;
      else delete next[field];
      return next;
    });
  }

  protected check(): void {
    const file = this.file();
    if (!file) return;
    this.busy.set('dry-run');
    this.problem.set(null);
    this.report.set(null);
    this.api.dryRun(this.kind(), file, file.name, this.mapping(), globalThis.crypto.randomUUID()).subscribe({
      next: (report) => {
        this.busy.set(null);
        this.report.set(report);
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  protected commit(): void {
    const file = this.file();
    if (!file) return;
    const runId = globalThis.crypto.randomUUID();
    this.busy.set('commit');
    this.problem.set(null);
    this.progress.set(null);
    this.polling = timer(300, 700)
      .pipe(switchMap(() => this.api.progress(runId)))
      .subscribe({ next: (p) => this.progress.set(p), error: () => undefined });
    this.api.commit(this.kind(), file, file.name, this.mapping(), runId).subscribe({
      next: (report) => {
        this.stopPolling();
        this.busy.set(null);
        this.report.set(report);
      },
      error: (e: unknown) => {
        this.stopPolling();
        const problem = toProblem(e);
        const refused = (problem as ProblemDetails & { report?: ImportReport }).report;
        if (refused) {
          this.busy.set(null);
          this.report.set(refused);
        } else this.fail(e);
      },
    });
  }

  protected downloadTemplate(): void {
    const kind = this.kind();
    this.api.template(kind).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `cadenza-${kind}-template.csv`;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  private stopPolling(): void {
    this.polling?.unsubscribe();
    this.polling = null;
  }

  private fail(error: unknown): void {
    this.busy.set(null);
    this.problem.set(toProblem(error));
  }
}
