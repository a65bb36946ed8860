import { ChangeDetectionStrategy, Component, computed, linkedSignal, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import type { HoursPeriod, TeacherHoursReport } from '@cadenza/shared/contracts';
import { CsvButton } from './csv-button';
import { dayLabel, hours } from './report-format';
import { pageOf } from './report-pager';
import { ReportSection } from './report-section';
import { REPORT_SECTION_STYLES } from './report-section-styles';
import { ReportView } from './report-view';

const LIMIT = 50;

/** Each teacher's lessons and hours delivered per week or month; the delivered figure leads to those lessons. */
@Component({
  selector: 'cz-teacher-hours-section',
  imports: [RouterLink, MatButtonToggleModule, ReportSection, CsvButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: REPORT_SECTION_STYLES,
  template: `
    <cz-report-section heading="Teacher hours" headingId="hours-heading" [problem]="call.problem()" [loaded]="report() !== null" [empty]="report()?.rows?.length === 0 ? 'No lessons in this period.' : null" [page]="page()" [(offset)]="offset">
      <mat-button-toggle-group controls [value]="period()" (change)="period.set($event.value)" aria-label="Teacher hours per" hideSingleSelectionIndicator>
        @for (unit of units; track unit[0]) {
          <mat-button-toggle [value]="unit[0]">{{ unit[1] }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <cz-csv-button controls report="teacher-hours" [query]="query()" label="teacher hours" />
      <thead>
        <tr>@for (column of ['Teacher', period() === 'week' ? 'Week of' : 'Month', 'Lessons', 'Booked', 'Delivered', 'Hours delivered']; track column) {<th scope="col">{{ column }}</th>}</tr>
      </thead>
      @if (report(); as r) {
        <tbody>
          @for (row of r.rows; track row.teacherId + row.period) {
            <tr>
              <th scope="row">{{ row.name }}</th>
              <td>{{ periodLabel(row.period) }}</td>
              <td>{{ row.lessons }}</td>
              <td>{{ hours(row.scheduledMinutes) }}</td>
              <td><a routerLink="lessons" [queryParams]="lessons(row.lessonsLink)" [attr.aria-label]="row.delivered + ' lessons delivered by ' + row.name + ', ' + periodLabel(row.period)">{{ row.delivered }}</a></td>
              <td>{{ hours(row.deliveredMinutes) }}</td>
            </tr>
          }
        </tbody>
      }
    </cz-report-section>
  `,
})
export class TeacherHoursSection extends ReportView<TeacherHoursReport> {
  protected readonly units = [['week', 'Weeks'], ['month', 'Months']] as const;
  protected readonly period = signal<HoursPeriod>('week');
  protected readonly offset = linkedSignal({ source: () => [this.range(), this.period()] as const, computation: () => 0 });
  protected readonly page = computed(() => pageOf(this.report(), LIMIT));
  protected readonly hours = hours;
  protected readonly query = computed(() => ({ ...this.range(), period: this.period() }));

  constructor() {
    super();
    this.keepRead(() => this.api.teacherHours(this.range(), this.period(), { offset: this.offset(), limit: LIMIT }));
  }

  protected periodLabel(first: string): string {
    return this.period() === 'week' ? dayLabel(first) : new Date(`${first}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
}
