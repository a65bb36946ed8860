import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { percent } from './report-format';

export interface RatePoint {
  label: string;
  onTimeRate: number | null;
  attendanceRate: number | null;
}

/**
 * On-time starts and attendance as bars (or lines over time), in percent. The canvas is an image whose accessible name
 * says what it shows and where the same figures are as a table (`describedBy`); the table is always on the page.
 */
@Component({
  selector: 'cz-rates-chart',
  imports: [BaseChartDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 260px;
      max-width: 900px;
    }
  `,
  template: `<canvas baseChart [type]="type()" [data]="data()" [options]="options" role="img" [attr.aria-label]="summary()" [attr.aria-describedby]="describedBy()"></canvas>`,
})
export class RatesChart {
  readonly points = input.required<RatePoint[]>();
  readonly type = input<'bar' | 'line'>('bar');
  /** What the chart shows, for its accessible name. */
  readonly title = input.required<string>();
  /** The id of the table holding the same figures. */
  readonly describedBy = input.required<string>();

  protected readonly data = computed<ChartConfiguration<'bar' | 'line'>['data']>(() => ({
    labels: this.points().map((p) => p.label),
    datasets: [
      { label: 'On-time starts %', data: this.points().map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 100))), backgroundColor: '#1f5fa8', borderColor: '#1f5fa8' },
      { label: 'Attendance %', data: this.points().map((p) => (p.attendanceRate === null ? null : Math.round(p.attendanceRate * 100))), backgroundColor: '#c2571a', borderColor: '#c2571a' },
    ],
  }));
  protected readonly summary = computed(() => {
    const points = this.points();
    const first = points[0];
    return `${this.title()}: on-time starts and attendance in percent for ${points.length} ${points.length === 1 ? 'entry' : 'entries'}${first ? `, the first ${first.label} with ${percent(first.onTimeRate)} on time and ${percent(first.attendanceRate)} attendance` : ''}. The table below holds every figure.`;
  });
  protected readonly options: ChartConfiguration<'bar' | 'line'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
    plugins: { legend: { position: 'bottom' } },
  };
}
