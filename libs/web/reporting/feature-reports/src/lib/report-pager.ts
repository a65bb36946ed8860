import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** Previous and Next over a paged report, with which rows of how many are shown. */
@Component({
  selector: 'cz-report-pager',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      align-items: center;
      margin-top: 8px;
    }
  `,
  template: `
    <button mat-button type="button" [disabled]="offset() === 0" (click)="offset.set(offset() - limit())">Previous</button>
    <span>{{ offset() + 1 }}–{{ offset() + shown() }} of {{ total() }}</span>
    <button mat-button type="button" [disabled]="offset() + limit() >= total()" (click)="offset.set(offset() + limit())">Next</button>
  `,
})
export class ReportPager {
  readonly offset = model.required<number>();
  readonly limit = input.required<number>();
  readonly shown = input.required<number>();
  readonly total = input.required<number>();
}

/** The page of a paged report its section's pager shows, or null before it is read. */
export function pageOf(report: { rows: readonly unknown[]; total: number } | null, limit: number): { limit: number; shown: number; total: number } | null {
  return report && { limit, shown: report.rows.length, total: report.total };
}
