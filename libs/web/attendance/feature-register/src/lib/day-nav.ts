import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** The day `days` before or after `date` (`YYYY-MM-DD`), as a calendar date. */
export function shiftDate(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The school day a register page shows, in words, with the days before and after it (and back to today when another
 * day is shown) a tap away: each a link that changes `?date=` and keeps the page's other filters.
 */
@Component({
  selector: 'cz-day-nav',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin: 0 0 8px;
    }
    p {
      margin: 8px 0 0;
      font: var(--mat-sys-title-medium);
    }
    nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0 24px;
    }
    a {
      display: inline-flex;
      align-items: center;
      min-height: 48px;
      color: var(--mat-sys-primary);
    }
  `,
  template: `
    <p aria-live="polite">{{ inWords() }}</p>
    <nav aria-label="Days">
      <a [routerLink]="[]" [queryParams]="{ date: before() }" queryParamsHandling="merge">Previous day</a>
      <a [routerLink]="[]" [queryParams]="{ date: after() }" queryParamsHandling="merge">Next day</a>
      @if (!today()) {
        <a [routerLink]="[]" [queryParams]="{ date: null }" queryParamsHandling="merge">Today</a>
      }
    </nav>
  `,
})
export class DayNav {
  /** The day shown, `YYYY-MM-DD`. */
  readonly date = input.required<string>();
  /** Whether it is the school's today (no Today link then). */
  readonly today = input(false);
  protected readonly before = computed(() => shiftDate(this.date(), -1));
  protected readonly after = computed(() => shiftDate(this.date(), 1));
  protected readonly inWords = computed(() =>
    new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${this.date()}T12:00:00Z`)),
  );
}
