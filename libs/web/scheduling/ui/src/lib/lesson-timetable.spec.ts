import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Lesson } from '@cadenza/shared/contracts';
import { CalendarView, type CalendarEvent } from 'angular-calendar';
import { provideCalendarForSpecs } from '../testing/calendar-adapter';
import { LessonTimetable } from './lesson-timetable';

const lesson = { id: 'l1', status: 'scheduled' } as Lesson;


@Component({
  imports: [LessonTimetable],
  providers: [provideCalendarForSpecs()],
  template: `<cz-lesson-timetable
    [view]="view()"
    [viewDate]="date"
    [events]="events"
    loadedFor="week 2"
    weekLabel="Week timetable"
    dayLabel="Day timetable"
    [quarterHours]="quarterHours()"
    (eventClicked)="clicked.push($event)"
  />`,
})
class Host {
  readonly view = signal<CalendarView>(CalendarView.Week);
  readonly quarterHours = signal(false);
  readonly date = new Date(2027, 0, 13, 12);
  readonly events: CalendarEvent<Lesson>[] = [{ id: 'l1', start: new Date(2027, 0, 13, 16), end: new Date(2027, 0, 13, 16, 30), title: 'Piano', meta: lesson }];
  readonly clicked: CalendarEvent<Lesson>[] = [];
}

async function render() {
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const calendar = () => fixture.nativeElement.querySelector('[data-testid="calendar"]') as HTMLElement;
  return { fixture, host: fixture.componentInstance, calendar };
}

describe('LessonTimetable', () => {
  // jsdom does not scroll: record where the timetable is opened instead.
  const scrolled: (ScrollToOptions | undefined)[] = [];
  beforeEach(() => {
    scrolled.length = 0;
    HTMLElement.prototype.scrollTo = function (options?: ScrollToOptions | number) {
      scrolled.push(typeof options === 'object' ? options : undefined);
    } as HTMLElement['scrollTo'];
  });

  it('draws a week as a labelled timetable that scrolls its hours, and hands a clicked lesson to the page', async () => {
    const { host, calendar, fixture } = await render();
    expect(calendar().classList).toContain('timetable');
    expect(calendar().classList).toContain('cz-timetable-scroll');
    const week = calendar().querySelector('mwl-calendar-week-view');
    expect(week?.classList).not.toContain('cal-day-view');
    // Monday 11 to Sunday 17 January.
    expect(week?.querySelectorAll('.cal-day-column').length).toBe(7);
    expect(week?.querySelector('.cal-week-view')?.getAttribute('aria-label')).toBe('Week timetable');
    // The library's two half-hour rows an hour, 07:00 to 23:00.
    expect(week?.querySelectorAll('.cal-time-label-column .cal-hour').length).toBe(16);
    expect(week?.querySelector('.cal-hour')?.querySelectorAll('.cal-hour-segment').length).toBe(2);
    // Opened an hour before its first lesson (16:00): 15:00 is 8 hours of 60 px below 07:00.
    expect(scrolled).toEqual([{ top: 480 }]);
    (week?.querySelector('.cal-event') as HTMLElement).click();
    fixture.detectChanges();
    expect(host.clicked.map((e) => e.meta?.id)).toEqual(['l1']);
  });

  it('gives staff quarter-hour rows, draws a day, and a month without a scrolling timetable', async () => {
    const { host, calendar, fixture } = await render();
    host.quarterHours.set(true);
    host.view.set(CalendarView.Day);
    await fixture.whenStable();
    const day = calendar().querySelector('mwl-calendar-week-view.cal-day-view');
    expect(day?.querySelector('.cal-week-view')?.getAttribute('aria-label')).toBe('Day timetable');
    // One day's column, the 13th, under no day headers of the week.
    expect(day?.querySelectorAll('.cal-day-column').length).toBe(1);
    expect(day?.querySelector('.cal-event')).not.toBeNull();
    expect(day?.querySelector('.cal-hour')?.querySelectorAll('.cal-hour-segment').length).toBe(4);
    host.view.set(CalendarView.Month);
    await fixture.whenStable();
    expect(calendar().querySelector('mwl-calendar-month-view')).not.toBeNull();
    expect(calendar().classList).not.toContain('timetable');
  });
});
