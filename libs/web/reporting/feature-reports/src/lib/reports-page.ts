import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { AttendanceSection } from './attendance-section';
import { ReportRangePicker } from './report-range';
import { lastDays } from './report-format';
import { RoomHeatMap } from './room-heat-map';
import { StudentsAtRisk } from './students-at-risk';
import { TeacherFigures } from './teacher-figures';
import { TeacherHoursSection } from './teacher-hours-section';

/**
 * Reports: for an admin, the school's (room utilisation, on-time starts and attendance, students at risk, teacher
 * hours), each with its CSV download and every figure leading to its lessons; for a teacher, their own figures. One
 * period for the page, the last four weeks at first.
 */
@Component({
  selector: 'cz-reports-page',
  imports: [ReportRangePicker, RoomHeatMap, AttendanceSection, StudentsAtRisk, TeacherHoursSection, TeacherFigures],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: grid;
      gap: 24px;
      min-width: 0;
    }
    h1 {
      margin: 0;
    }
    .intro {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    :host > * {
      min-width: 0;
    }
  `,
  template: `
    <div>
      <h1>{{ admin() ? 'Reports' : 'My figures' }}</h1>
      <p class="intro">Days in the school’s time zone, both dates included; cancelled lessons count nowhere.</p>
    </div>
    <cz-report-range [range]="range()" (rangeChange)="range.set($event)" />
    @if (admin()) {
      <cz-room-heat-map [range]="range()" />
      <cz-attendance-section [range]="range()" />
      <cz-students-at-risk [range]="range()" />
      <cz-teacher-hours-section [range]="range()" />
    } @else if (me(); as id) {
      <cz-teacher-figures [teacherId]="id" [range]="range()" />
    }
  `,
})
export class ReportsPage {
  private readonly auth = inject(AuthStore);
  protected readonly range = signal(lastDays(28));
  protected readonly admin = computed(() => this.auth.user()?.roles.includes('admin') ?? false);
  protected readonly me = computed(() => this.auth.user()?.id ?? null);
}
