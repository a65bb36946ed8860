import { ChangeDetectionStrategy, Component, computed, linkedSignal, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import type { AttendanceReport, AttendanceReportDimension } from '@cadenza/shared/contracts';
import { CsvButton } from './csv-button';
import { RatesChart } from './rates-chart';
import { BY_LABELS, dayLabel } from './report-format';
import { pageOf } from './report-pager';
import { ReportSection } from './report-section';
import { REPORT_SECTION_STYLES } from './report-section-styles';
import { ReportView } from './report-view';

const LIMIT = 25;

/**
 * On-time starts and attendance rates by teacher, student, instrument or week: a chart of the page's rows and the
 * same figures as a table, each count leading to the lessons behind it; paged by 25.
 */
@Component({
  selector: 'cz-attendance-section',
  imports: [RouterLink, MatButtonToggleModule, ReportSection, CsvButton, RatesChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: REPORT_SECTION_STYLES,
  template: `
    <cz-report-section heading="On-time starts and attendance" headingId="attendance-heading" [problem]="call.problem()" [loaded]="report() !== null" [empty]="report()?.rows?.length === 0 ? 'No lessons in this period.' : null" [page]="page()" [(offset)]="offset">
      <mat-button-toggle-group controls [value]="by()" (change)="by.set($event.value)" aria-label="Attendance by" hideSingleSelectionIndicator>
        @for (option of dimensions; track option) {
          <mat-button-toggle [value]="option">{{ byLabels[option] }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <cz-csv-button controls report="attendance" [query]="query()" label="attendance" />
      @if (report(); as r) {
        <p summary class="note">In all: {{ r.totals.lessons }} lessons, {{ percent(r.totals.onTimeRate) }} started on time (within {{ r.onTimeGraceMinutes }} minutes), attendance {{ percent(r.totals.attendanceRate) }}.</p>
      }
      <cz-rates-chart chart [points]="points()" [type]="by() === 'week' ? 'line' : 'bar'" [title]="'On-time starts and attendance by ' + byLabels[by()].toLowerCase()" describedBy="attendance-heading-table" />
      <thead>
        <tr>@for (column of [byLabels[by()], 'Lessons', 'On time', 'Places marked', 'Present', 'Late', 'Absent', 'Excused', 'Attendance']; track column) {<th scope="col">{{ column }}</th>}</tr>
      </thead>
      @if (report(); as r) {
        <tbody>
          @for (row of r.rows; track row.key) {
            <tr>
              <th scope="row">{{ label(row.label) }}</th>
              <td><a routerLink="lessons" [queryParams]="lessons(row.lessonsLink)" [attr.aria-label]="row.lessons + ' lessons of ' + label(row.label)">{{ row.lessons }}</a></td>
              <td>{{ percent(row.onTimeRate) }}</td>
              <td>{{ row.marked }} / {{ row.places }}</td>
              <td>{{ row.present }}</td>
              <td>{{ row.late }}</td>
              <td>{{ row.absentWithNotice + row.absentWithoutNotice }}</td>
              <td>{{ row.excused }}</td>
              <td>{{ percent(row.attendanceRate) }}</td>
            </tr>
          }
        </tbody>
      }
    </cz-report-section>
  `,
})
export class AttendanceSection extends ReportView<AttendanceReport> {
  protected readonly dimensions = Object.keys(BY_LABELS) as AttendanceReportDimension[];
  protected readonly byLabels = BY_LABELS;
  protected readonly by = signal<AttendanceReportDimension>('teacher');
  /** The page's first row: back to the first page when the period or the dimension changes. */
  protected readonly offset = linkedSignal({ source: () => [this.range(), this.by()] as const, computation: () => 0 });
  protected readonly page = computed(() => pageOf(this.report(), LIMIT));
  protected readonly query = computed(() => ({ ...this.range(), by: this.by() }));
  protected readonly points = computed(() => (this.report()?.rows ?? []).map((r) => ({ label: this.label(r.label), onTimeRate: r.onTimeRate, attendanceRate: r.attendanceRate })));

  constructor() {
    super();
    this.keepRead(() => this.api.attendance(this.range(), this.by(), { offset: this.offset(), limit: LIMIT }));
  }

  /** A week's key is its Monday; the others are names. */
  protected label(value: string): string {
    return this.by() === 'week' ? `w/c ${dayLabel(value)}` : value;
  }
}
