import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { MESSAGING_API } from '@cadenza/web/messaging/data-access';
import { aMessagingSession, aSummary, CONTACTS, FakeRealtime } from '@cadenza/web/messaging/data-access/testing';
import { componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { InboxPage } from './inbox-page';

describe('InboxPage', () => {
  let http: HttpTestingController;
  let realtime: FakeRealtime;
  let fixture: ComponentFixture<InboxPage>;
  let element: HTMLElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const listRead = () => http.expectOne((r) => r.url === MESSAGING_API.threads && r.method === 'GET');
  const titles = () => [...element.querySelectorAll('cz-thread-list a .title')].map((e) => e.textContent?.trim());

  beforeEach(async () => {
    ({ http, realtime, fixture, element } = componentWithBackend(InboxPage, { session: aMessagingSession() }));
    await settle();
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
    listRead().flush([aSummary({ id: 'a', subject: 'Grade 3', unreadCount: 2, lastMessageAt: '2030-01-07T10:00:00Z' }), aSummary({ id: 'b' })]);
    await settle();
  });
  afterEach(() => http.verify());

  it('lists the conversations with unread badges, and follows the socket', async () => {
    expect(titles()).toEqual(['Grade 3', 'Tess Teacher']);
    expect(element.querySelector('[data-testid="thread-a"] .badge')?.getAttribute('aria-label')).toBe('2 unread');
    realtime.emit('message.created.v1', { threadId: 'c', messageId: 'm', seq: 1 });
    listRead().flush([aSummary({ id: 'c', subject: 'New one', unreadCount: 1 }), aSummary({ id: 'a', subject: 'Grade 3', unreadCount: 2 }), aSummary({ id: 'b' })]);
    await settle();
    expect(titles()).toEqual(['New one', 'Grade 3', 'Tess Teacher']);
  });

  it('searches one’s own messages after a pause in typing, and goes back to the list when cleared', async () => {
    const box = element.querySelector('input[type="search"]') as HTMLInputElement;
    box.value = 'scal';
    box.dispatchEvent(new Event('input'));
    box.value = 'scales';
    box.dispatchEvent(new Event('input'));
    await settle();
    expect(element.textContent).toContain('Searching…');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const search = http.expectOne((r) => r.url === MESSAGING_API.search);
    expect(search.request.params.get('q')).toBe('scales');
    search.flush([{ threadId: 'a', messageId: 'm-1', seq: 1, authorId: 'teacher', body: 'Bring the scales book', sentAt: '2030-01-07T10:00:00Z' }]);
    await settle();
    expect(element.textContent).toContain('1 message found');
    expect(element.querySelector('cz-thread-list a .subtitle')?.textContent).toContain('Tess Teacher: Bring the scales book');
    box.value = '';
    box.dispatchEvent(new Event('input'));
    await settle();
    expect(titles()).toEqual(['Grade 3', 'Tess Teacher']);
  });
});
