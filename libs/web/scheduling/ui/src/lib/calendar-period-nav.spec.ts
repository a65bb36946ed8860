import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CalendarView } from 'angular-calendar';
import { provideCalendarForSpecs } from '../testing/calendar-adapter';
import { CalendarPeriodNav } from './calendar-period-nav';

@Component({
  imports: [CalendarPeriodNav],
  providers: [provideCalendarForSpecs()],
  template: `<cz-calendar-period-nav [view]="view()" [viewDate]="date()" (viewDateChange)="date.set($event)" />`,
})
class Host {
  readonly view = signal<CalendarView>(CalendarView.Week);
  readonly date = signal(new Date(2027, 0, 13, 12));
}

describe('CalendarPeriodNav', () => {
  it('moves by the period shown, and back to today', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const button = (name: string) => [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    const host = fixture.componentInstance;
    button('Next').click();
    expect(host.date().getDate()).toBe(20);
    host.view.set(CalendarView.Day);
    await fixture.whenStable();
    button('Previous').click();
    expect(host.date().getDate()).toBe(19);
    button('Today').click();
    expect(host.date().toDateString()).toBe(new Date().toDateString());
  });
});
