import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CalendarNextViewDirective, CalendarPreviousViewDirective, CalendarTodayDirective, CalendarView } from 'angular-calendar';

/** Previous, Today and Next over a calendar's periods (a day, a week or a month, as `view` says). */
@Component({
  selector: 'cz-calendar-period-nav',
  imports: [MatButtonModule, CalendarNextViewDirective, CalendarPreviousViewDirective, CalendarTodayDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
  `,
  template: `
    <button matButton="outlined" type="button" mwlCalendarPreviousView [view]="view()" [viewDate]="viewDate()" (viewDateChange)="viewDateChange.emit($event)">Previous</button>
    <button matButton="outlined" type="button" mwlCalendarToday [viewDate]="viewDate()" (viewDateChange)="viewDateChange.emit($event)">Today</button>
    <button matButton="outlined" type="button" mwlCalendarNextView [view]="view()" [viewDate]="viewDate()" (viewDateChange)="viewDateChange.emit($event)">Next</button>
  `,
})
export class CalendarPeriodNav {
  readonly view = input.required<CalendarView>();
  /** A date within the period shown. */
  readonly viewDate = input.required<Date>();
  /** A date within the period asked for. */
  readonly viewDateChange = output<Date>();
}
