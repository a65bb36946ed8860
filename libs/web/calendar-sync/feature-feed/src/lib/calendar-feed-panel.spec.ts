import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { RoleName } from '@cadenza/shared/contracts';
import { CALENDAR_FEED_API } from '@cadenza/web/calendar-sync/data-access';
import { aMe, aSession, componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { CalendarFeedPanel } from './calendar-feed-panel';

const URL_1 = 'http://school.example/api/v1/calendar/feeds/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics';
const URL_2 = 'http://school.example/api/v1/calendar/feeds/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ics';

describe('CalendarFeedPanel', () => {
  let fixture: ComponentFixture<CalendarFeedPanel>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const setup = async (roles: RoleName[]) => {
    const session = aSession('t', aMe({ roles, timeZone: 'Europe/London', locale: 'en-GB' }));
    ({ http: backend, fixture, element } = componentWithBackend(CalendarFeedPanel, { session }));
    fixture.detectChanges();
  };
  afterEach(() => backend.verify());

  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const text = (id: string) => element.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null;
  const rotate = () => element.querySelector<HTMLButtonElement>('[data-testid="calendar-feed-rotate"]')!;

  it('offers a parent a feed of their children’s lessons, then shows its address once made', async () => {
    await setup(['parent']);
    backend.expectOne(CALENDAR_FEED_API).flush({ exists: false, createdAt: null });
    await render();
    expect(element.textContent).toContain('your children’s lessons');
    expect(rotate().textContent?.trim()).toBe('Make my calendar feed');
    expect(element.querySelector('[data-testid="calendar-feed-url"]')).toBeNull();

    rotate().click();
    const made = backend.expectOne(CALENDAR_FEED_API);
    expect(made.request.method).toBe('POST');
    made.flush({ url: URL_1, createdAt: '2026-12-10T09:00:00.000Z', rotated: false });
    await render();
    expect(element.querySelector<HTMLInputElement>('[data-testid="calendar-feed-url"]')?.value).toBe(URL_1);
    expect(text('calendar-feed-status')).toBe('Your calendar feed is ready.');
    expect(rotate().textContent?.trim()).toBe('Make a new address');
  });

  it('tells a teacher who has a feed since when, and replaces its address saying the old one stopped', async () => {
    await setup(['teacher']);
    backend.expectOne(CALENDAR_FEED_API).flush({ exists: true, createdAt: '2026-12-01T09:00:00.000Z' });
    await render();
    expect(element.textContent).toContain('the lessons you teach and accompany');
    expect(text('calendar-feed-since')).toContain('1 December 2026');
    rotate().click();
    backend.expectOne(CALENDAR_FEED_API).flush({ url: URL_2, createdAt: '2026-12-10T09:00:00.000Z', rotated: true });
    await render();
    expect(element.querySelector<HTMLInputElement>('[data-testid="calendar-feed-url"]')?.value).toBe(URL_2);
    expect(text('calendar-feed-status')).toBe('New address made. The old one no longer works.');
  });

  it('shows the server’s refusal and keeps the button', async () => {
    await setup(['student']);
    backend.expectOne(CALENDAR_FEED_API).flush({ exists: false, createdAt: null });
    await render();
    rotate().click();
    backend.expectOne(CALENDAR_FEED_API).flush({ type: 'about:blank', title: 'Unavailable', status: 503, detail: 'Try again later.', code: 'X' }, { status: 503, statusText: 'Unavailable' });
    await render();
    expect(element.textContent).toContain('Try again later.');
    expect(rotate().disabled).toBe(false);
  });
});
