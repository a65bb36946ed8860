import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ShellLayout, type ShellNavItem } from './shell-layout';

@Component({ selector: 'cz-test-page', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Page {}

@Component({
  selector: 'cz-test-host',
  imports: [ShellLayout],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cz-shell-layout product="Console" userName="Alex Admin" [nav]="nav()"><p>Page</p></cz-shell-layout>`,
})
class Host {
  readonly nav = signal<ShellNavItem[]>([
    { label: 'Home', path: '/' },
    { label: 'Messages', path: '/messages', badge: 3, badgeLabel: '3 unread' },
  ]);
}

describe('ShellLayout', () => {
  async function render() {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideRouter([{ path: '**', component: Page }])] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('links the user’s name to their account', async () => {
    const { element } = await render();
    const user = element.querySelector<HTMLAnchorElement>('[data-testid="shell-user"]')!;
    expect(user.getAttribute('href')).toBe('/account');
    expect(user.getAttribute('aria-label')).toBe('Account: Alex Admin');
  });

  it('opens the navigation as a menu from the toolbar (shown so on a phone), with the account, and closes it on a choice', async () => {
    const { fixture, element } = await render();
    const button = element.querySelector<HTMLButtonElement>('[data-testid="shell-menu-button"]')!;
    const nav = element.querySelector<HTMLElement>('nav[aria-label="Main"]')!;
    expect(button.getAttribute('aria-controls')).toBe(nav.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(nav.classList).not.toContain('open');

    button.click();
    fixture.detectChanges();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(nav.classList).toContain('open');
    expect([...nav.querySelectorAll('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Home', '/'],
      ['Messages', '/messages'],
      ['Account', '/account'],
    ]);
    expect(nav.querySelector('a[href="/messages"]')?.getAttribute('aria-label')).toBe('Messages, 3 unread');

    nav.querySelector<HTMLAnchorElement>('a[href="/messages"]')!.click();
    fixture.detectChanges();
    expect(nav.classList).not.toContain('open');
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});
