import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ReportsApi, type ReportName } from '@cadenza/web/reporting/data-access';
import { CallState, saveFile } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

/** "Download CSV" for a report: every row of it (not the page shown), saved as `cadenza-<report>-<from>-<to>.csv`. */
@Component({
  selector: 'cz-csv-button',
  imports: [MatButtonModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [disabled]="call.busy()" (click)="download()" [attr.aria-label]="'Download CSV: ' + label()">Download CSV</button>
    <cz-problem-alert [problem]="call.problem()" />
  `,
})
export class CsvButton {
  private readonly api = inject(ReportsApi);
  readonly report = input.required<ReportName>();
  readonly query = input.required<Record<string, string | number | undefined>>();
  /** What the report is, for the button's accessible name. */
  readonly label = input.required<string>();
  protected readonly call = new CallState();

  protected download(): void {
    const query = this.query();
    this.call.run(this.api.csv(this.report(), query), (blob) => saveFile(blob, `cadenza-${this.report()}-${query['from']}-${query['to']}.csv`));
  }
}
