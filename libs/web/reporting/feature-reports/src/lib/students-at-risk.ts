import { ChangeDetectionStrategy, Component, computed, linkedSignal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RiskReason, StudentsAtRiskReport } from '@cadenza/shared/contracts';
import { CsvButton } from './csv-button';
import { pageOf } from './report-pager';
import { ReportSection } from './report-section';
import { REPORT_SECTION_STYLES } from './report-section-styles';
import { ReportView } from './report-view';

const LIMIT = 20;
const REASONS: Record<RiskReason, string> = { absence_streak: 'Absence streak', falling: 'Falling attendance', low: 'Low attendance' };

/** The students at risk, most reasons first: why, their streak and rates against the period before, each leading to their lessons. */
@Component({
  selector: 'cz-students-at-risk',
  imports: [RouterLink, ReportSection, CsvButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: REPORT_SECTION_STYLES,
  template: `
    <cz-report-section heading="Students at risk" headingId="risk-heading" [problem]="call.problem()" [loaded]="report() !== null" [empty]="report()?.rows?.length === 0 ? 'No student is at risk in this period.' : null" [page]="page()" [(offset)]="offset">
      <cz-csv-button controls report="students-at-risk" [query]="range()" label="students at risk" />
      @if (report(); as r) {
        <thead>
          <tr>@for (column of ['Student', 'Why', 'Absences in a row', 'Attendance', 'Before (' + r.previousFrom + ' to ' + r.previousTo + ')']; track column) {<th scope="col">{{ column }}</th>}</tr>
        </thead>
      }
      @if (report(); as r) {
        <tbody>
          @for (row of r.rows; track row.studentId) {
            <tr>
              <th scope="row"><a routerLink="lessons" [queryParams]="lessons(row.lessonsLink)">{{ row.name }}</a> <span class="note">{{ row.instrument }}</span></th>
              <td>{{ reasons(row.reasons) }}</td>
              <td>{{ row.absenceStreak }}</td>
              <td>{{ percent(row.attendanceRate) }} of {{ row.marked }}</td>
              <td>{{ percent(row.previousRate) }} of {{ row.previousMarked }}</td>
            </tr>
          }
        </tbody>
      }
    </cz-report-section>
  `,
})
export class StudentsAtRisk extends ReportView<StudentsAtRiskReport> {
  protected readonly offset = linkedSignal({ source: this.range, computation: () => 0 });
  protected readonly page = computed(() => pageOf(this.report(), LIMIT));
  protected readonly reasons = (reasons: RiskReason[]) => reasons.map((r) => REASONS[r]).join(', ');

  constructor() {
    super();
    this.keepRead(() => this.api.studentsAtRisk(this.range(), { offset: this.offset(), limit: LIMIT }));
  }
}
