import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { REALTIME_EVENTS, type Notification, type NotificationCreatedEvent, type NotificationPage } from '@cadenza/shared/contracts';
import { NOTIFICATIONS_API } from '@cadenza/web/messaging/data-access-notifications';
import { componentWithBackend, type FakeRealtime } from '@cadenza/web/shared/data-access-api/testing';
import { NotificationBell } from './notification-bell';

const note = (id: string, over: Partial<Notification> = {}): Notification => ({
  id,
  type: 'lesson.changed',
  title: `Lesson moved ${id}`,
  body: 'Thursday 16:00 is now Friday 16:00.',
  link: '/lessons',
  createdAt: '2026-11-23T10:00:00.000Z',
  readAt: null,
  ...over,
});
const page = (items: Notification[], unreadCount: number): NotificationPage => ({ items, unreadCount });

describe('NotificationBell', () => {
  let fixture: ComponentFixture<NotificationBell>;
  let backend: HttpTestingController;
  let realtime: FakeRealtime;
  let element: HTMLElement;

  beforeEach(async () => {
    ({ http: backend, realtime, fixture, element } = componentWithBackend(NotificationBell, { routes: [{ path: '**', children: [] }] }));
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const list = () => backend.expectOne((r) => r.url === NOTIFICATIONS_API.notifications && r.method === 'GET');
  const bell = () => element.querySelector<HTMLButtonElement>('[data-testid="notification-bell"]')!;
  const badge = () => element.querySelector('[data-testid="notification-count"]')?.textContent?.trim();
  const buttonNamed = (name: string) => [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name);

  it('shows the unread count on the bell, and says it to screen readers', async () => {
    list().flush(page([note('n1'), note('n2')], 2));
    await render();
    expect(badge()).toBe('2');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(bell().getAttribute('aria-expanded')).toBe('false');
  });

  it('raises the count when a notification arrives on the socket', async () => {
    list().flush(page([], 0));
    await render();
    expect(badge()).toBeUndefined();
    realtime.emit(REALTIME_EVENTS.notificationCreated, { notificationId: 'n3', type: 'message.received', unreadCount: 1 } satisfies NotificationCreatedEvent);
    await render();
    expect(badge()).toBe('1');
    list().flush(page([note('n3', { type: 'message.received' })], 1));
    await render();
    expect(badge()).toBe('1');
  });

  it('opens the feed, marks one read, then all', async () => {
    list().flush(page([note('n1'), note('n2'), note('n0', { readAt: '2026-11-23T09:00:00.000Z' })], 2));
    await render();
    bell().click();
    await render();
    list().flush(page([note('n1'), note('n2'), note('n0', { readAt: '2026-11-23T09:00:00.000Z' })], 2));
    await render();
    expect(bell().getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelectorAll('[data-testid="notification"]').length).toBe(3);
    expect(element.querySelectorAll('[data-testid="notification"].unread').length).toBe(2);

    element.querySelector<HTMLButtonElement>('[data-notification-id="n1"] .mark')!.click();
    const one = backend.expectOne(NOTIFICATIONS_API.read);
    expect(one.request.body).toEqual({ ids: ['n1'] });
    one.flush({});
    list().flush(page([note('n1', { readAt: '2026-11-23T10:05:00.000Z' }), note('n2'), note('n0', { readAt: '2026-11-23T09:00:00.000Z' })], 1));
    await render();
    expect(badge()).toBe('1');

    buttonNamed('Mark all read')!.click();
    const all = backend.expectOne(NOTIFICATIONS_API.read);
    expect(all.request.body).toEqual({});
    all.flush({});
    list().flush(page([], 0));
    await render();
    expect(badge()).toBeUndefined();
    expect(buttonNamed('Mark all read')!.disabled).toBe(true);
  });

  it('follows a notification’s link, marking it read and closing the feed; Escape closes it too', async () => {
    list().flush(page([note('n1')], 1));
    await render();
    bell().click();
    await render();
    list().flush(page([note('n1')], 1));
    await render();
    element.querySelector<HTMLAnchorElement>('[data-notification-id="n1"] a.title')!.click();
    backend.expectOne(NOTIFICATIONS_API.read).flush({});
    list().flush(page([note('n1', { readAt: '2026-11-23T10:05:00.000Z' })], 0));
    await render();
    expect(TestBed.inject(Router).url).toBe('/lessons');
    expect(element.querySelector('[data-testid="notification-feed"]')).toBeNull();

    bell().click();
    await render();
    list().flush(page([], 0));
    await render();
    expect(element.querySelector('[data-testid="notification-feed"]')).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await render();
    expect(element.querySelector('[data-testid="notification-feed"]')).toBeNull();
  });

  it('reads again when the socket comes back', async () => {
    list().flush(page([], 0));
    await render();
    realtime.reconnectedEvents.next();
    list().flush(page([note('n1')], 1));
    await render();
    expect(badge()).toBe('1');
  });
});
