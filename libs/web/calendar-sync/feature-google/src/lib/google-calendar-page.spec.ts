import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import type { GoogleConnectionStatus } from '@cadenza/shared/contracts';
import { GOOGLE_CALENDAR_API } from '@cadenza/web/calendar-sync/data-access';
import { aMe, aSession, componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { GoogleCalendarPage, leavePage } from './google-calendar-page';

const CONNECTED: GoogleConnectionStatus = {
  connected: true,
  account: 'tess@example.org',
  status: 'active',
  busyCalendarIds: ['tess@example.org'],
  writeCalendarId: 'cadenza@group.calendar.google.com',
  connectedAt: '2026-12-11T09:00:00.000Z',
  lastSyncAt: null,
  lastError: null,
};
const NONE: GoogleConnectionStatus = { connected: false, account: null, status: null, busyCalendarIds: [], writeCalendarId: null, connectedAt: null, lastSyncAt: null, lastError: null };
const CALENDARS = {
  items: [
    { id: 'tess@example.org', summary: 'tess@example.org', primary: true, writable: true },
    { id: 'choir@group.calendar.google.com', summary: 'Choir', primary: false, writable: false },
    { id: 'cadenza@group.calendar.google.com', summary: 'Cadenza', primary: false, writable: true },
  ],
};

describe('GoogleCalendarPage', () => {
  let fixture: ComponentFixture<GoogleCalendarPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const setup = (query: Record<string, string> = {}) => {
    const session = aSession('t', aMe({ roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }));
    ({ http: backend, fixture, element } = componentWithBackend(GoogleCalendarPage, {
      session,
      providers: [{ provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } }],
    }));
    fixture.detectChanges();
  };
  afterEach(() => backend.verify());
  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const byId = <T extends HTMLElement = HTMLElement>(id: string) => element.querySelector<T>(`[data-testid="${id}"]`);

  it('sends a teacher without a connection to Google’s consent page', async () => {
    const sent: string[] = [];
    const before = leavePage.to;
    leavePage.to = (url) => void sent.push(url);
    setup();
    backend.expectOne(GOOGLE_CALENDAR_API).flush(NONE);
    await render();
    byId<HTMLButtonElement>('google-connect')?.click();
    const started = backend.expectOne(`${GOOGLE_CALENDAR_API}/connect`);
    expect(started.request.method).toBe('POST');
    started.flush({ url: 'https://accounts.example/consent?state=s', expiresAt: '2026-12-11T09:10:00.000Z' });
    expect(sent).toEqual(['https://accounts.example/consent?state=s']);
    leavePage.to = before;
  });

  it('finishes the connection with the code and state Google sent back, then lists the calendars to choose', async () => {
    setup({ code: '4/abc', state: 's'.repeat(43) });
    const finish = backend.expectOne(`${GOOGLE_CALENDAR_API}/callback`);
    expect(finish.request.body).toEqual({ code: '4/abc', state: 's'.repeat(43) });
    finish.flush(CONNECTED);
    backend.expectOne(`${GOOGLE_CALENDAR_API}/calendars`).flush(CALENDARS);
    await render();
    expect(byId('google-account')?.textContent).toContain('tess@example.org');
    expect(byId('google-status')?.textContent).toContain('Google Calendar is connected.');
    expect(element.querySelectorAll('mat-checkbox')).toHaveLength(3);

    byId('google-busy-1')?.querySelector('input')?.click();
    await render();
    byId<HTMLButtonElement>('google-save')?.click();
    const chosen = backend.expectOne(`${GOOGLE_CALENDAR_API}/calendars`);
    expect(chosen.request.method).toBe('PUT');
    expect(chosen.request.body).toEqual({ busyCalendarIds: ['tess@example.org', 'choir@group.calendar.google.com'], writeCalendarId: 'cadenza@group.calendar.google.com' });
    chosen.flush(
      { type: 'about:blank', title: 'Bad', status: 400, code: 'CALENDAR_SYNC.UNKNOWN_CALENDAR', detail: 'x', errors: [{ field: 'busyCalendarIds.1', message: 'This is not one of your Google calendars.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await render();
    expect(element.textContent).toContain('This is not one of your Google calendars.');
  });

  it('shows "reconnect needed" with a Reconnect button when Google refused the grant', async () => {
    setup();
    backend.expectOne(GOOGLE_CALENDAR_API).flush({ ...CONNECTED, status: 'reconnect_needed', lastError: 'Google no longer accepts this connection: connect again.' });
    await render();
    expect(byId('google-reconnect-needed')?.textContent).toContain('Reconnect needed');
    expect(byId('google-reconnect')).not.toBeNull();
  });
});
