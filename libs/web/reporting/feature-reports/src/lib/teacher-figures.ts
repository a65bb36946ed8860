import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { TeacherFigures as TeacherFiguresReport } from '@cadenza/shared/contracts';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { RatesChart } from './rates-chart';
import { dayLabel, hours } from './report-format';
import { REPORT_SECTION_STYLES } from './report-section-styles';
import { ReportView } from './report-view';

/**
 * A teacher's own figures over the period: on-time starts, attendance and hours delivered in all, then per week as a
 * chart and as a table.
 */
@Component({
  selector: 'cz-teacher-figures',
  imports: [ProblemAlert, RatesChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    REPORT_SECTION_STYLES,
    `
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: 12px;
        margin: 0 0 16px;
        padding: 0;
        list-style: none;
      }
      .cards li {
        padding: 12px 16px;
        border-radius: 12px;
        background: var(--mat-sys-surface-container);
      }
      .figure {
        display: block;
        font: var(--mat-sys-headline-medium);
      }
      section + section {
        margin-top: 24px;
      }
    `,
  ],
  template: `
    <cz-problem-alert [problem]="call.problem()" />
    @if (report(); as f) {
      <ul class="cards" aria-label="In all">
        <li><span class="figure">{{ percent(f.totals.onTimeRate) }}</span> on-time starts ({{ f.totals.onTime }} of {{ f.totals.lessons }} within {{ f.onTimeGraceMinutes }} minutes)</li>
        <li><span class="figure">{{ percent(f.totals.attendanceRate) }}</span> attendance ({{ f.totals.present + f.totals.late }} of {{ f.totals.marked - f.totals.excused }} marked)</li>
        <li><span class="figure">{{ hours(delivered()) }}</span> delivered ({{ deliveredLessons() }} lessons)</li>
      </ul>
      <section>
        <h2 id="weeks-heading">Week by week</h2>
        @if (f.weeks.length === 0) {
          <p class="note">No lessons in this period.</p>
        } @else {
          <cz-rates-chart [points]="points()" type="line" title="Your on-time starts and attendance per week" describedBy="weeks-table" />
          <div class="scroll" tabindex="0" role="region" aria-labelledby="weeks-heading">
            <table id="weeks-table" aria-labelledby="weeks-heading">
              <thead>
              <tr>@for (column of ['Week of', 'Lessons', 'On time', 'Attendance', 'Delivered', 'Hours delivered']; track column) {<th scope="col">{{ column }}</th>}</tr>
            </thead>
              <tbody>
                @for (week of rows(); track week.week) {
                  <tr>
                    <th scope="row">{{ label(week.week) }}</th>
                    <td>{{ week.lessons }}</td>
                    <td>{{ percent(week.onTimeRate) }}</td>
                    <td>{{ percent(week.attendanceRate) }}</td>
                    <td>{{ week.delivered }}</td>
                    <td>{{ hours(week.deliveredMinutes) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      </section>
    } @else if (!call.problem()) {
      <p role="status">Loading your figures…</p>
    }
  `,
})
export class TeacherFigures extends ReportView<TeacherFiguresReport> {
  readonly teacherId = input.required<string>();
  protected readonly figures = signal<TeacherFiguresReport | null>(null);
  protected readonly hours = hours;
  protected readonly label = dayLabel;
  protected readonly delivered = computed(() => (this.report()?.hours ?? []).reduce((total, h) => total + h.deliveredMinutes, 0));
  protected readonly deliveredLessons = computed(() => (this.report()?.hours ?? []).reduce((total, h) => total + h.delivered, 0));
  protected readonly points = computed(() => (this.report()?.weeks ?? []).map((w) => ({ label: `w/c ${dayLabel(w.week)}`, onTimeRate: w.onTimeRate, attendanceRate: w.attendanceRate })));
  /** Each week's rates with its hours. */
  protected readonly rows = computed(() => {
    const hoursOf = new Map((this.report()?.hours ?? []).map((h) => [h.week, h]));
    return (this.report()?.weeks ?? []).map((w) => ({ ...w, delivered: hoursOf.get(w.week)?.delivered ?? 0, deliveredMinutes: hoursOf.get(w.week)?.deliveredMinutes ?? 0 }));
  });

  constructor() {
    super();
    this.keepRead(() => this.api.teacherFigures(this.teacherId(), this.range()));
  }
}
