import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { REALTIME_EVENTS, type BillingRunPreview, type BillingRunProgressedEvent } from '@cadenza/shared/contracts';
import { BillingConsoleApi } from '@cadenza/web/billing/data-access-console';
import { dayOf, formatMoney, monthOf } from '@cadenza/web/billing/data-access-payments';
import { CallState, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { BILLING_STYLES } from './billing-styles';

/** A run's progress as the page shows it: the REST answer and the socket's push carry the same counts. */
type Progress = Pick<BillingRunProgressedEvent, 'accounts' | 'accountsDone' | 'batches' | 'batchesDone' | 'invoices' | 'finished'>;
type Warning = BillingRunPreview['warnings'][number];

const WARNING_WORDS: Record<Warning['kind'], { title: string; fix: string }> = {
  no_rate: { title: 'Lessons without a rate', fix: 'Add a rate for their lesson type' },
  no_lesson_type: { title: 'Lessons without a lesson type', fix: 'Give the lesson a type' },
  no_account: { title: 'Students in no family', fix: 'Add the student to a family' },
};

/** How many lessons of one kind of warning the page lists before Show all. */
const WARNINGS_SHOWN = 10;

/** This month, `YYYY-MM`, in the browser's zone (the school's, for its admins). */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

const progressOf = (p: Progress): Progress => ({ accounts: p.accounts, accountsDone: p.accountsDone, batches: p.batches, batchesDone: p.batchesDone, invoices: p.invoices, finished: p.finished });

/**
 * The month's billing run, for admins: pick a month and preview it (each family's lessons, credits and total, and the
 * lessons it cannot charge, each with the way to fix it), then start it and watch it bill family by family: the
 * progress is pushed on the socket as each batch of families is invoiced (`billing_run.progressed.v1`), and read again
 * when the socket comes back. A month already run shows its progress instead of Start.
 */
@Component({
  selector: 'cz-billing-run-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    BILLING_STYLES,
    `
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        margin: 0 0 8px;
        padding: 0;
        list-style: none;
        font: var(--mat-sys-title-medium);
      }
      .progress {
        display: grid;
        gap: 8px;
        padding: 16px;
        border-radius: 12px;
        background: var(--mat-sys-surface-container-low);
        border: 1px solid var(--mat-sys-outline-variant);
        margin: 16px 0;
      }
      .warnings ul {
        margin: 4px 0 12px;
        padding-left: 20px;
      }
      .warnings h3 {
        margin: 12px 0 0;
        font: var(--mat-sys-title-small);
      }
    `,
  ],
  template: `
    <h2>Billing run</h2>
    <p class="intro">A run invoices every family for one month, once: run it again and nothing more is invoiced. Preview it first; nothing is written until you start it.</p>
    <form class="row" (ngSubmit)="preview()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Month</mat-label>
        <input matInput type="month" name="period" required [ngModel]="period()" (ngModelChange)="choose($event)" [attr.aria-invalid]="previewing.errors()['period'] ? 'true' : null" [attr.aria-describedby]="previewing.errors()['period'] ? 'period-error' : null" />
      </mat-form-field>
      <button type="submit" matButton="filled" [disabled]="previewing.busy() || !period()">Preview</button>
    </form>
    @if (previewing.errors()['period']; as message) {
      <p class="error" role="alert" id="period-error">{{ message }}</p>
    }
    <cz-problem-alert [problem]="previewing.problem()" />

    @if (progress(); as p) {
      <section class="progress" aria-labelledby="progress-title">
        <h3 id="progress-title">{{ p.finished ? 'Run finished' : 'Billing…' }} {{ monthName() }}</h3>
        <mat-progress-bar mode="determinate" [value]="percent()" [attr.aria-label]="'Families invoiced in ' + monthName()" />
        <p role="status" aria-live="polite" data-testid="run-progress">
          {{ p.accountsDone }} of {{ p.accounts }} families done ({{ p.batchesDone }} of {{ p.batches }} batches), {{ p.invoices }} {{ p.invoices === 1 ? 'invoice' : 'invoices' }} issued{{ p.finished ? '.' : '…' }}
        </p>
        @if (p.finished) {
          <p><a routerLink="../invoices" [queryParams]="{ period: period() }">See {{ monthName() }}’s invoices</a></p>
        }
      </section>
    }

    @if (result(); as r) {
      @if (progress()) {
        <p class="note">The run has been started: the preview shows what is left to invoice for {{ monthName() }}.</p>
      }
      <ul class="totals" [attr.aria-label]="progress() ? 'What is left to invoice' : 'What the run invoices'">
        <li data-testid="preview-invoices">{{ r.totals.invoices }} {{ r.totals.invoices === 1 ? 'invoice' : 'invoices' }}</li>
        <li>{{ r.totals.accounts }} {{ r.totals.accounts === 1 ? 'family' : 'families' }}</li>
        <li data-testid="preview-amount">{{ money(r.totals.amount) }} in all</li>
      </ul>
      @if (!progress()) {
        <div class="row">
          <button type="button" matButton="filled" (click)="start()" [disabled]="starting.busy() || r.totals.invoices === 0">Start the run for {{ monthName() }}</button>
          @if (r.totals.invoices === 0) {
            <span class="note">Nothing to invoice for this month.</span>
          }
        </div>
        <cz-problem-alert [problem]="starting.problem()" />
      }

      @if (r.warnings.length > 0) {
        <section class="warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Not charged ({{ r.warnings.length }})</h2>
          <p class="note">The run leaves these lessons out. Fix them before starting it to have them invoiced this month.</p>
          @for (group of warningGroups(); track group.kind) {
            <h3>{{ words[group.kind].title }} ({{ group.warnings.length }})</h3>
            <ul>
              @for (w of shown(group.kind, group.warnings); track w.lessonId + (w.studentId ?? '')) {
                <li data-testid="warning">
                  {{ w.start ? day(w.start) : 'A lesson' }}:
                  @switch (w.kind) {
                    @case ('no_rate') {
                      <a routerLink="../rates">{{ words[w.kind].fix }}</a>
                    }
                    @case ('no_lesson_type') {
                      <a [routerLink]="['/lessons', w.lessonId]">{{ words[w.kind].fix }}</a>
                    }
                    @case ('no_account') {
                      <a [routerLink]="['/people/students', w.studentId]">{{ words[w.kind].fix }}</a>
                    }
                  }
                </li>
              }
            </ul>
            @if (group.warnings.length > WARNINGS_SHOWN && !expanded().has(group.kind)) {
              <button type="button" matButton (click)="expand(group.kind)">Show all {{ group.warnings.length }}</button>
            }
          }
        </section>
      }

      <div class="scroll">
        <table class="stacked">
          <caption>Each family’s invoice for {{ monthName() }}</caption>
          <thead>
            <tr><th scope="col">Family</th><th scope="col" class="amount">Lessons</th><th scope="col" class="amount">Credits</th><th scope="col" class="amount">Total</th></tr>
          </thead>
          <tbody>
            @for (a of r.accounts; track a.accountId) {
              <tr data-testid="preview-family">
                <td>{{ a.familyName ?? 'Adult student' }}{{ a.issued ? '' : ' (not invoiced: nothing to pay)' }}</td>
                <td class="amount" data-label="Lessons">{{ a.lessons }}</td>
                <td class="amount" data-label="Credits">{{ a.credits }}</td>
                <td class="amount" data-label="Total">{{ money(a.total) }}</td>
              </tr>
            } @empty {
              <tr><td colspan="4">{{ progress() ? 'Nothing is left to invoice this month.' : 'No family has lessons to charge this month.' }}</td></tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
})
export class BillingRunPage {
  private readonly api = inject(BillingConsoleApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly period = signal(thisMonth());
  protected readonly result = signal<BillingRunPreview | null>(null);
  protected readonly progress = signal<Progress | null>(null);
  protected readonly previewing = new CallState();
  protected readonly starting = new CallState();
  protected readonly money = formatMoney;
  protected readonly day = dayOf;
  protected readonly words = WARNING_WORDS;
  protected readonly WARNINGS_SHOWN = WARNINGS_SHOWN;
  /** The kinds of warning listed whole. */
  protected readonly expanded = signal<ReadonlySet<Warning['kind']>>(new Set());
  protected readonly monthName = computed(() => (this.period() ? monthOf(`${this.period()}-01`) : ''));
  protected readonly percent = computed(() => {
    const p = this.progress();
    return p && p.accounts > 0 ? Math.round((100 * p.accountsDone) / p.accounts) : p?.finished ? 100 : 0;
  });
  protected readonly warningGroups = computed(() => {
    const warnings = this.result()?.warnings ?? [];
    return (Object.keys(WARNING_WORDS) as Warning['kind'][]).map((kind) => ({ kind, warnings: warnings.filter((w) => w.kind === kind) })).filter((g) => g.warnings.length > 0);
  });

  constructor() {
    this.realtime
      .on(REALTIME_EVENTS.billingRunProgressed)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => {
        if (event.periodFrom === `${this.period()}-01` && this.result()) this.advance(event);
      });
    this.realtime.reconnected.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.reread());
  }

  protected shown(kind: Warning['kind'], warnings: Warning[]): Warning[] {
    return this.expanded().has(kind) ? warnings : warnings.slice(0, WARNINGS_SHOWN);
  }

  protected expand(kind: Warning['kind']): void {
    this.expanded.update((kinds) => new Set([...kinds, kind]));
  }

  protected choose(month: string): void {
    this.period.set(month);
    this.result.set(null);
    this.progress.set(null);
    this.previewing.clear();
    this.starting.clear();
  }

  protected preview(): void {
    this.previewing.run(this.api.preview(this.period()), (preview) => {
      this.result.set(preview);
      this.progress.set(preview.run ? progressOf(preview.run) : null);
    });
  }

  protected start(): void {
    this.starting.run(this.api.startRun(this.period()), ({ run }) => this.advance(run));
  }

  /** A newer count replaces the shown one; an older one (a push overtaken by the start's answer) does not undo it. */
  private advance(next: Progress): void {
    const shown = this.progress();
    if (shown && (shown.batchesDone > next.batchesDone || (shown.finished && !next.finished))) return;
    this.progress.set(progressOf(next));
  }

  /** After the socket was away: the run as it now stands, if one is shown. */
  private reread(): void {
    if (!this.progress()) return;
    this.api
      .run(this.period())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (run) => this.advance(run) });
  }
}
