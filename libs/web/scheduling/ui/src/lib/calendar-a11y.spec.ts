import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CalendarA11y, repairCalendarRoles } from './calendar-a11y';

/** The markup angular-calendar's week view renders, reduced to what carries roles. */
const WEEK_VIEW = `
  <div class="cal-week-view" role="grid">
    <div class="cal-day-headers" role="row">
      <div class="cal-header" tabindex="0" role="columnheader"><b>Monday</b><br /><span>Jan 14</span></div>
    </div>
    <div class="cal-time-events">
      <div class="cal-event" tabindex="0" role="application" aria-label="Lesson, 16:00"></div>
    </div>
  </div>`;

@Component({
  imports: [CalendarA11y],
  template: `<div czCalendarA11y="Week timetable"></div>`,
})
class Host {}

describe('CalendarA11y', () => {
  it('turns the week grid into a labelled group of buttons', () => {
    const host = document.createElement('div');
    host.innerHTML = WEEK_VIEW;
    repairCalendarRoles(host, 'Week timetable');

    const view = host.querySelector('.cal-week-view');
    expect(view?.getAttribute('role')).toBe('group');
    expect(view?.getAttribute('aria-label')).toBe('Week timetable');
    expect(host.querySelector('.cal-day-headers')?.hasAttribute('role')).toBe(false);
    const header = host.querySelector('.cal-header');
    expect(header?.hasAttribute('role')).toBe(false);
    expect(header?.hasAttribute('tabindex')).toBe(false);
    const event = host.querySelector('.cal-event');
    expect(event?.getAttribute('role')).toBe('button');
    expect(event?.getAttribute('tabindex')).toBe('0');
    expect(event?.getAttribute('aria-label')).toBe('Lesson, 16:00');
  });

  it('repairs what the calendar renders later, and lets Space activate an event', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const host: HTMLElement = fixture.nativeElement.querySelector('[czCalendarA11y]');
    host.innerHTML = WEEK_VIEW;
    await new Promise((resolve) => setTimeout(resolve)); // MutationObserver callbacks are microtasks

    expect(host.querySelector('.cal-week-view')?.getAttribute('role')).toBe('group');
    const event = host.querySelector<HTMLElement>('.cal-event');
    expect(event?.getAttribute('role')).toBe('button');
    const clicks = jest.fn();
    event?.addEventListener('click', clicks);
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    event?.dispatchEvent(space);
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(space.defaultPrevented).toBe(true);
  });
});
