import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { REALTIME_EVENTS, type DashboardCounters } from '@cadenza/shared/contracts';
import { COUNTERS_API } from '@cadenza/web/reporting/data-access';
import { componentWithBackend, type FakeRealtime } from '@cadenza/web/shared/data-access-api/testing';
import { CountersPanel } from './counters-panel';

const admin: DashboardCounters = { role: 'admin', lessonsToday: 12, lessonsInProgress: 3, checkedInNow: 7, registersMissingToday: 1, freeRoomsNow: 2, pendingRequests: 4, unreadMessages: 1, openFlags: 0 };

describe('CountersPanel', () => {
  let fixture: ComponentFixture<CountersPanel>;
  let backend: HttpTestingController;
  let realtime: FakeRealtime;
  let element: HTMLElement;

  beforeEach(async () => {
    ({ http: backend, realtime, fixture, element } = componentWithBackend(CountersPanel));
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  const value = (key: string) => element.querySelector(`[data-testid="counter-${key}"] .value`)?.textContent?.trim();
  const labels = () => [...element.querySelectorAll('.label')].map((l) => l.textContent?.trim());
  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('shows an admin’s counters in a polite live region, linking to the schedule, the day register, the requests and the messages', async () => {
    backend.expectOne(COUNTERS_API).flush(admin);
    await render();
    expect(labels()).toEqual(['Lessons today', 'In progress now', 'Checked in now', 'Registers missing today', 'Rooms free now', 'Pending requests', 'Unread messages', 'Flagged messages']);
    expect(value('pendingRequests')).toBe('4');
    const region = element.querySelector('[data-testid="counters"]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.getAttribute('aria-busy')).toBe('false');
    expect(element.querySelector('a[data-testid="counter-pendingRequests"]')?.getAttribute('href')).toBe('/requests');
    expect(element.querySelector('a[data-testid="counter-lessonsToday"]')?.getAttribute('href')).toBe('/schedule');
    expect(element.querySelector('a[data-testid="counter-unreadMessages"]')?.getAttribute('href')).toBe('/messages');
    expect(element.querySelector('a[data-testid="counter-registersMissingToday"]')?.getAttribute('href')).toBe('/day-register?state=missing');
    expect(element.querySelector('a[data-testid="counter-checkedInNow"]')?.getAttribute('href')).toBe('/day-register?state=in_progress');
  });

  it('has no flags card for an admin who is not the safeguarding lead', async () => {
    const { openFlags: _, ...notLead } = admin;
    backend.expectOne(COUNTERS_API).flush(notLead);
    await render();
    expect(value('openFlags')).toBeUndefined();
    expect(labels()).not.toContain('Flagged messages');
  });

  it('shows a parent the week’s lessons and unread messages', async () => {
    backend.expectOne(COUNTERS_API).flush({ role: 'parent', unreadMessages: 2, upcomingLessons: 5 } satisfies DashboardCounters);
    await render();
    expect(labels()).toEqual(['Lessons in the next 7 days', 'Unread messages']);
    expect(value('upcomingLessons')).toBe('5');
    expect(element.querySelector('a[data-testid="counter-upcomingLessons"]')?.getAttribute('href')).toBe('/lessons');
  });

  it('updates from the socket without reading again, and a read overtaken by a push does not undo it', async () => {
    const first = backend.expectOne(COUNTERS_API);
    realtime.emit(REALTIME_EVENTS.countersUpdated, { ...admin, pendingRequests: 5 });
    first.flush(admin);
    await render();
    expect(value('pendingRequests')).toBe('5');
    realtime.emit(REALTIME_EVENTS.countersUpdated, { ...admin, pendingRequests: 6, lessonsInProgress: 4 });
    await render();
    expect([value('pendingRequests'), value('lessonsInProgress')]).toEqual(['6', '4']);
  });

  it('reads again when the socket comes back', async () => {
    backend.expectOne(COUNTERS_API).flush(admin);
    await render();
    realtime.reconnectedEvents.next();
    backend.expectOne(COUNTERS_API).flush({ ...admin, unreadMessages: 9 });
    await render();
    expect(value('unreadMessages')).toBe('9');
  });

  it('shows the problem when the counters cannot be read', async () => {
    backend.expectOne(COUNTERS_API).flush({ type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'Try again soon.' }, { status: 503, statusText: 'Unavailable' });
    await render();
    expect(element.querySelector('cz-problem-alert')?.textContent).toContain('Service unavailable');
    expect(element.querySelector('[data-testid="counters"]')?.getAttribute('aria-busy')).toBe('true');
  });
});
