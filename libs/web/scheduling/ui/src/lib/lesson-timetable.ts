import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Lesson } from '@cadenza/shared/contracts';
import type { TimetableHours } from '@cadenza/web/scheduling/util';
import { CalendarMonthViewComponent, CalendarView, CalendarWeekViewComponent, type CalendarEvent, type CalendarEventTimesChangedEvent } from 'angular-calendar';
import { CalendarA11y } from './calendar-a11y';
import { TimetableScroll } from './timetable-scroll';

/** The hours the week and day views draw (07:00 to 23:00); where an empty period opens. */
export const TIMETABLE_HOURS: TimetableHours = { dayStartHour: 7, dayEndHour: 22, quietHour: 8 };
/** The drawn height of one hour, in CSS pixels: 4 × 15 px quarter-hour rows, or the library's 2 × 30 px. */
const HOUR_HEIGHT = 60;

/**
 * Lessons on a calendar, as the console's schedule and the portal's lessons page draw them: a month grid, or a
 * week or day timetable whose hours scroll under their day headers and open at the period's lessons
 * (`TimetableScroll`), each grid named for assistive technology (`CalendarA11y`). The page gives the lessons as
 * calendar events and the period; staff pages also get quarter-hour rows that a dragged lesson snaps to.
 * Provide the calendar (`provideCalendar`) on the page.
 */
@Component({
  selector: 'cz-lesson-timetable',
  imports: [CalendarMonthViewComponent, CalendarWeekViewComponent, CalendarA11y, TimetableScroll],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .calendar {
      overflow-x: auto;
      background: var(--mat-sys-surface);
      border-radius: 12px;
    }
    /* Week and day: the hours scroll inside the calendar (opened at the period's lessons), under their day headers. */
    .calendar.timetable {
      max-height: max(360px, calc(100dvh - 180px));
      overflow-y: auto;
    }
  `,
  template: `
    <div
      class="calendar"
      data-testid="calendar"
      [czTimetableScroll]="starts()"
      [loadedFor]="view() === CalendarView.Month ? '' : loadedFor()"
      [hours]="hours"
      [hourHeight]="hourHeight"
      [class.timetable]="view() !== CalendarView.Month"
    >
      @if (view() === CalendarView.Month) {
        <mwl-calendar-month-view
          [viewDate]="viewDate()"
          [events]="events()"
          [weekStartsOn]="1"
          locale="en-GB"
          (eventClicked)="eventClicked.emit($event.event)"
          (eventTimesChanged)="eventTimesChanged.emit($event)"
          (dayClicked)="dayClicked.emit($event.day.date)"
        />
      } @else {
        <!-- A day is the week timetable of one day, as the library's own day view draws it. -->
        <mwl-calendar-week-view
          [class.cal-day-view]="view() === CalendarView.Day"
          [daysInWeek]="view() === CalendarView.Day ? 1 : 0"
          [czCalendarA11y]="view() === CalendarView.Day ? dayLabel() : weekLabel()"
          [viewDate]="viewDate()"
          [events]="events()"
          [weekStartsOn]="1"
          [dayStartHour]="hours.dayStartHour"
          [dayEndHour]="hours.dayEndHour"
          [hourSegments]="segments().count"
          [hourSegmentHeight]="segments().height"
          [snapDraggedEvents]="quarterHours()"
          locale="en-GB"
          (eventClicked)="eventClicked.emit($event.event)"
          (eventTimesChanged)="eventTimesChanged.emit($event)"
        />
      }
    </div>
  `,
})
export class LessonTimetable {
  readonly view = input.required<CalendarView>();
  /** A wall-clock date in the viewer's zone, within the period shown. */
  readonly viewDate = input.required<Date>();
  readonly events = input.required<CalendarEvent<Lesson>[]>();
  /** What the lessons were loaded for (period and filters): a new value opens the timetable at its lessons. */
  readonly loadedFor = input.required<string>();
  /** The names of the week and day grids for assistive technology ("Week timetable"). */
  readonly weekLabel = input.required<string>();
  readonly dayLabel = input.required<string>();
  /** Quarter-hour rows that dragged lessons snap to, for staff who move lessons. */
  readonly quarterHours = input(false);
  readonly eventClicked = output<CalendarEvent<Lesson>>();
  readonly eventTimesChanged = output<CalendarEventTimesChangedEvent<Lesson>>();
  readonly dayClicked = output<Date>();

  protected readonly CalendarView = CalendarView;
  protected readonly hours = TIMETABLE_HOURS;
  protected readonly hourHeight = HOUR_HEIGHT;
  protected readonly segments = computed(() => (this.quarterHours() ? { count: 4, height: HOUR_HEIGHT / 4 } : { count: 2, height: HOUR_HEIGHT / 2 }));
  protected readonly starts = computed(() => this.events().map((event) => event.start));
}
