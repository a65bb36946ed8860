import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ReportLessons } from '@cadenza/shared/contracts';
import { ReportsApi } from '@cadenza/web/reporting/data-access';
import { CallState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { map } from 'rxjs';
import { CsvButton } from './csv-button';
import { ReportPager } from './report-pager';
import { REPORT_SECTION_STYLES } from './report-section-styles';

const LIMIT = 50;
const NARROWING: Record<string, string> = { teacherId: 'a teacher', studentId: 'a student', roomId: 'a room', instrument: 'an instrument' };

/**
 * The lessons behind a report's figure: the query the figure's link carries (`/reports/lessons?from&to&teacherId…`),
 * in start order, 50 at a time, with their CSV download.
 */
@Component({
  selector: 'cz-report-lessons-page',
  imports: [DatePipe, RouterLink, ProblemAlert, CsvButton, ReportPager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    REPORT_SECTION_STYLES,
    `
      :host {
        display: grid;
        gap: 12px;
        min-width: 0;
      }
      h1 {
        margin: 0;
      }
    `,
  ],
  template: `
    <p><a routerLink="..">Back to reports</a></p>
    <header>
      <h1 id="lessons-heading">Lessons behind the figure</h1>
      <cz-csv-button report="lessons" [query]="query()" label="these lessons" />
    </header>
    <p class="note">{{ description() }}</p>
    <cz-problem-alert [problem]="call.problem()" />
    @if (page(); as p) {
      @if (p.lessons.length === 0) {
        <p class="note">No lessons.</p>
      } @else {
        <div class="scroll" tabindex="0" role="region" aria-labelledby="lessons-heading">
          <table aria-labelledby="lessons-heading">
            <thead>
              <tr>@for (column of ['Starts', 'Teacher', 'Room', 'Students', 'Started at', 'Delivered']; track column) {<th scope="col">{{ column }}</th>}</tr>
            </thead>
            <tbody>
              @for (lesson of p.lessons; track lesson.lessonId) {
                <tr>
                  <th scope="row">{{ lesson.start | date: 'EEE d MMM y, HH:mm' }}</th>
                  <td>{{ lesson.teacherName }}</td>
                  <td>{{ lesson.roomName ?? '—' }}</td>
                  <td>{{ lesson.studentIds.length }}</td>
                  <td>{{ lesson.startedAt ? (lesson.startedAt | date: 'HH:mm') : 'Not started' }}</td>
                  <td>{{ lesson.delivered ? 'Yes' : 'No' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <cz-report-pager [(offset)]="offset" [limit]="limit" [shown]="p.lessons.length" [total]="p.total" />
      }
    } @else if (!call.problem()) {
      <p role="status">Loading the lessons…</p>
    }
  `,
})
export class ReportLessonsPage {
  private readonly api = inject(ReportsApi);
  protected readonly query = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => Object.fromEntries(params.keys.map((key) => [key, params.get(key) ?? ''])) as Record<string, string>)), { requireSync: true });
  protected readonly offset = linkedSignal({ source: this.query, computation: () => 0 });
  protected readonly limit = LIMIT;
  protected readonly call = new CallState();
  protected readonly page = signal<ReportLessons | null>(null);
  protected readonly description = computed(() => {
    const q = this.query();
    const narrowed = Object.keys(NARROWING).filter((key) => q[key]).map((key) => NARROWING[key]);
    const delivered = q['delivered'] === 'true' ? ' delivered' : q['delivered'] === 'false' ? ' not delivered' : '';
    return `Lessons${delivered} from ${q['from'] ?? '?'} to ${q['to'] ?? '?'}${narrowed.length ? `, of ${narrowed.join(' and ')}` : ''}, in start order.`;
  });

  constructor() {
    effect(() => {
      const [query, offset] = [this.query(), this.offset()];
      untracked(() => this.call.run(this.api.lessons({ ...query, offset, limit: LIMIT }), (page) => this.page.set(page)));
    });
  }
}
