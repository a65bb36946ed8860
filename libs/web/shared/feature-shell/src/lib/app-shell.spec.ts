import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API, AuthStore, provideAppProfile } from '@cadenza/web/shared/data-access-api';
import { aConsoleProfile } from '@cadenza/web/shared/data-access-api/testing';
import { AppShell } from './app-shell';

const me = {
  id: 'u-1',
  email: 'admin@demo.cadenza.school',
  name: 'Ada Admin',
  roles: ['admin' as const],
  safeguardingLead: false,
  timeZone: 'Europe/London',
  locale: 'en-GB',
  school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
};

describe('AppShell navigation', () => {
  it('shows an entry’s badge with words for screen readers, and hides entries whose condition fails', async () => {
    const unread = signal(0);
    TestBed.configureTestingModule({
      imports: [AppShell],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppProfile(
          aConsoleProfile({
            nav: [
              { label: 'Home', path: '/' },
              { label: 'Messages', path: '/messages', badge: () => ({ count: unread, describe: (n) => `${n} unread` }) },
              { label: 'Safeguarding', path: '/safeguarding', visible: (u) => u.safeguardingLead === true },
            ],
          }),
        ),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login(me.email, 'pw').subscribe();
    http.expectOne(API.login).flush({ accessToken: 't', accessTokenExpiresAt: '2030-01-01T00:00:00.000Z', me });
    const fixture = TestBed.createComponent(AppShell);
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await settle();
    // The account's entry (shown in the phone menu) follows the app's own; these are the app's.
    const links = () => [...(fixture.nativeElement as HTMLElement).querySelectorAll('nav li:not(.account-item) a')] as HTMLAnchorElement[];
    expect(links().map((a) => a.textContent?.trim())).toEqual(['Home', 'Messages']);
    expect(links()[1].getAttribute('data-badge')).toBeNull();
    expect(links()[1].getAttribute('aria-label')).toBeNull();

    unread.set(3);
    await settle();
    expect(links()[1].getAttribute('data-badge')).toBe('3');
    expect(links()[1].getAttribute('aria-label')).toBe('Messages, 3 unread');
    expect(links()[1].textContent?.trim()).toBe('Messages');
    unread.set(120);
    await settle();
    expect(links()[1].getAttribute('data-badge')).toBe('99+');
    http.verify();
  });
});
