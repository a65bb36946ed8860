import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { ReportPager } from './report-pager';
import { REPORT_SECTION_STYLES } from './report-section-styles';

/**
 * A report's frame: its heading (`headingId` names its table and the region that scrolls it sideways on a phone) with
 * the controls given as `[controls]`, the server's refusal, a loading line until the report is `loaded`, then a
 * `[summary]`, the `empty` message or a `[chart]` and the table of the given `caption`, `thead` and `tbody`, paged
 * when a `page` is given.
 */
@Component({
  selector: 'cz-report-section',
  imports: [ProblemAlert, ReportPager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: REPORT_SECTION_STYLES,
  template: `
    <header>
      <h2 [id]="headingId()">{{ heading() }}</h2>
      <ng-content select="[controls]" />
    </header>
    <cz-problem-alert [problem]="problem()" />
    @if (loaded()) {
      <ng-content select="[summary]" />
      @if (empty(); as message) {
        <p class="note">{{ message }}</p>
      } @else {
        <ng-content select="[chart]" />
        <div class="scroll" tabindex="0" role="region" [attr.aria-labelledby]="headingId()">
          <table [id]="headingId() + '-table'" [attr.aria-labelledby]="headingId()"><ng-content select="caption, thead, tbody" /></table>
        </div>
        @if (page(); as p) {
          <cz-report-pager [(offset)]="offset" [limit]="p.limit" [shown]="p.shown" [total]="p.total" />
        }
        <ng-content select="[after]" />
      }
    } @else if (!problem()) {
      <p role="status">Loading {{ heading().toLowerCase() }}…</p>
    }
  `,
})
export class ReportSection {
  readonly heading = input.required<string>();
  readonly headingId = input.required<string>();
  readonly problem = input.required<ProblemDetails | null>();
  readonly loaded = input.required<boolean>();
  /** Said instead of the table when there is nothing to show. */
  readonly empty = input<string | null>(null);
  readonly page = input<{ limit: number; shown: number; total: number } | null>(null);
  readonly offset = model(0);
}
