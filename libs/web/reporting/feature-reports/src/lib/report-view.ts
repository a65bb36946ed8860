import { Directive, effect, inject, input, signal, untracked } from '@angular/core';
import { lessonsQueryOf, ReportsApi, type ReportRange } from '@cadenza/web/reporting/data-access';
import { CallState } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';
import { percent } from './report-format';

/** What every report on the page has: its period, the call that reads it and its refusal, the report, and how figures are shown and linked. */
@Directive()
export abstract class ReportView<T> {
  protected readonly api = inject(ReportsApi);
  readonly range = input.required<ReportRange>();
  protected readonly call = new CallState();
  protected readonly report = signal<T | null>(null);
  protected readonly percent = percent;
  protected readonly lessons = lessonsQueryOf;

  /** Reads the report, and again whenever what `ask` reads changes (the period, the page, a choice); call it from the constructor. */
  protected keepRead(ask: () => Observable<T>): void {
    effect(() => {
      const reading = ask();
      untracked(() => this.call.run(reading, (report) => this.report.set(report)));
    });
  }
}
