import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import type { RoomUtilisationReport } from '@cadenza/shared/contracts';
import { CsvButton } from './csv-button';
import { dayLabel, heat, spanDays } from './report-format';
import { ReportSection } from './report-section';
import { REPORT_SECTION_STYLES } from './report-section-styles';
import { ReportView } from './report-view';

/**
 * Room utilisation as a heat map: a row per room, least used first, a column per week (or per day over a short
 * period), each cell the share of open time booked, shaded by it and leading to the lessons behind it. A table, so a
 * screen reader reads it cell by cell with its headings.
 */
@Component({
  selector: 'cz-room-heat-map',
  imports: [RouterLink, MatButtonToggleModule, ReportSection, CsvButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    REPORT_SECTION_STYLES,
    `
      td.cell {
        min-width: 52px;
        text-align: center;
      }
      td.cell a {
        display: block;
        text-decoration: none;
      }
      td.cell a:hover,
      td.cell a:focus-visible {
        text-decoration: underline;
      }
    `,
  ],
  template: `
    <cz-report-section heading="Room utilisation" headingId="rooms-heading" [problem]="call.problem()" [loaded]="report() !== null" [empty]="report()?.rooms?.length === 0 ? 'No rooms.' : null">
      <mat-button-toggle-group controls [value]="unit()" (change)="unitChosen.set($event.value)" aria-label="Room utilisation per" hideSingleSelectionIndicator>
        <mat-button-toggle value="week">Weeks</mat-button-toggle>
        <mat-button-toggle value="day">Days</mat-button-toggle>
      </mat-button-toggle-group>
      <cz-csv-button controls report="room-utilisation" [query]="range()" label="room utilisation" />
      <caption class="visually-hidden">Share of open hours booked per room and {{ unit() }}, least used rooms first; each figure opens its lessons.</caption>
      <thead>
        <tr><th scope="col">Room</th><th scope="col">Period</th>@for (column of columns(); track column) {<th scope="col">{{ label(column) }}</th>}</tr>
      </thead>
      <tbody>
        @for (room of rows(); track room.roomId) {
          <tr>
            <th scope="row">{{ room.name }}</th>
            <td><a routerLink="lessons" [queryParams]="lessons(room.lessons)">{{ percent(room.utilisation) }}</a></td>
            @for (cell of room.cells; track cell.key) {
              <td class="cell" [style]="heat(cell.utilisation)">
                <a routerLink="lessons" [queryParams]="lessons(cell.lessons)" [attr.aria-label]="room.name + ', ' + label(cell.key) + ': ' + percent(cell.utilisation) + ' booked'">{{ percent(cell.utilisation) }}</a>
              </td>
            }
          </tr>
        }
      </tbody>
      @if (report(); as r) {
        <p after class="note">Open {{ opens }}–{{ closes }}, Monday to Saturday; closures are closed. Times in {{ r.timeZone }}.</p>
      }
    </cz-report-section>
  `,
})
export class RoomHeatMap extends ReportView<RoomUtilisationReport> {
  protected readonly unitChosen = signal<'week' | 'day' | null>(null);
  protected readonly unit = computed(() => this.unitChosen() ?? (spanDays(this.range()) <= 14 ? 'day' : 'week'));
  protected readonly opens = '09:00';
  protected readonly closes = '21:00';
  protected readonly heat = heat;
  protected readonly label = dayLabel;

  protected readonly rows = computed(() =>
    (this.report()?.rooms ?? []).map((room) => ({
      ...room,
      cells: this.unit() === 'week' ? room.weeks.map((w) => ({ key: w.week, utilisation: w.utilisation, lessons: w.lessons })) : room.days.map((d) => ({ key: d.date, utilisation: d.utilisation, lessons: d.lessons })),
    })),
  );
  protected readonly columns = computed(() => this.rows()[0]?.cells.map((c) => c.key) ?? []);

  constructor() {
    super();
    this.keepRead(() => this.api.roomUtilisation(this.range()));
  }
}
