import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MAX_REPORT_DAYS } from '@cadenza/shared/contracts';
import type { ReportRange } from '@cadenza/web/reporting/data-access';
import { lastDays, spanDays } from './report-format';

const PRESETS = [
  { label: 'Last 4 weeks', days: 28 },
  { label: 'Last 12 weeks', days: 84 },
  { label: 'Last year', days: 364 },
] as const;

/**
 * The reports' period: two dates (days in the school's time zone, both included) or a preset. A period that ends
 * before it begins or covers more than a year is named and not applied; a valid one is applied as soon as it is typed.
 */
@Component({
  selector: 'cz-report-range',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    mat-form-field {
      width: 170px;
    }
    .presets {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>From</mat-label>
      <input matInput type="date" name="from" [value]="draft().from" (change)="set('from', $any($event.target).value)" [attr.aria-invalid]="error() ? 'true' : null" />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>To</mat-label>
      <input matInput type="date" name="to" [value]="draft().to" (change)="set('to', $any($event.target).value)" [attr.aria-invalid]="error() ? 'true' : null" [attr.aria-describedby]="error() ? 'range-error' : null" />
    </mat-form-field>
    <div class="presets" role="group" aria-label="Periods">
      @for (preset of presets; track preset.days) {
        <button mat-stroked-button type="button" (click)="choose(preset.days)">{{ preset.label }}</button>
      }
    </div>
    @if (error(); as message) {
      <p class="error" id="range-error" role="alert">{{ message }}</p>
    }
  `,
})
export class ReportRangePicker {
  readonly range = input.required<ReportRange>();
  readonly rangeChange = output<ReportRange>();
  protected readonly presets = PRESETS;
  private readonly typed = signal<ReportRange | null>(null);
  protected readonly draft = computed(() => this.typed() ?? this.range());
  protected readonly error = computed(() => problemOf(this.draft()));

  protected set(end: 'from' | 'to', value: string): void {
    const next = { ...this.draft(), [end]: value };
    this.typed.set(next);
    if (!problemOf(next)) this.rangeChange.emit(next);
  }

  protected choose(days: number): void {
    const next = lastDays(days);
    this.typed.set(next);
    this.rangeChange.emit(next);
  }
}

/** Why a period cannot be reported on, or null. */
export function problemOf(range: ReportRange): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return 'Choose both dates.';
  const days = spanDays(range);
  if (days < 1) return 'The period must not end before it begins.';
  if (days > MAX_REPORT_DAYS) return `A report covers at most ${MAX_REPORT_DAYS} days.`;
  return null;
}
