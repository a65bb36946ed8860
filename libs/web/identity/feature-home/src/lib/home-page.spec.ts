import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Me, Session } from '@cadenza/shared/contracts';
import { API, AuthStore } from '@cadenza/web/shared/data-access-api';
import { HOME_PANELS } from '@cadenza/web/shared/ui';
import { HomePage } from './home-page';

@Component({ selector: 'cz-test-panel', template: '<p data-testid="test-panel">A panel</p>', changeDetection: ChangeDetectionStrategy.OnPush })
class TestPanel {}

const me: Me = {
  id: 'u-1',
  email: 'admin@demo.cadenza.school',
  name: 'Alex Admin',
  roles: ['admin'],
  safeguardingLead: true,
  timeZone: 'Europe/London',
  locale: 'en-GB',
  school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
};

describe('HomePage', () => {
  async function render(panels: (() => Promise<unknown>)[]) {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: HOME_PANELS, useValue: panels }],
    });
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login('admin@demo.cadenza.school', 'x').subscribe();
    backend.expectOne(API.login).flush({ accessToken: 't', accessTokenExpiresAt: '2030-01-01T00:00:00.000Z', me } satisfies Session);
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    backend.expectOne(API.me).flush(me);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the panels the app provides above the account', async () => {
    const element = await render([() => Promise.resolve(TestPanel)]);
    expect(element.querySelector('[data-testid="test-panel"]')?.textContent).toBe('A panel');
    expect(element.querySelector('[data-testid="me-name"]')?.textContent).toBe('Alex Admin');
    const order = [...element.querySelectorAll('[data-testid="test-panel"], [data-testid="me-name"]')].map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['test-panel', 'me-name']);
  });

  it('shows a problem, and the account, when a panel fails to load', async () => {
    const element = await render([() => Promise.reject(new Error('chunk failed'))]);
    expect(element.querySelector('[data-testid="test-panel"]')).toBeNull();
    expect(element.querySelector('cz-problem-alert')?.textContent).toContain('Something went wrong');
    expect(element.querySelector('[data-testid="me-name"]')?.textContent).toBe('Alex Admin');
  });
});
