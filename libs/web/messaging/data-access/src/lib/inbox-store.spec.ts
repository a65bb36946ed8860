import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, AuthStore, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { aMessagingMe, aMessagingSession, aSummary, CONTACTS, FakeRealtime } from './testing';
import { InboxStore } from './inbox-store';
import { MESSAGING_API } from './messaging-api';

describe('InboxStore', () => {
  let http: HttpTestingController;
  let realtime: FakeRealtime;
  let store: InboxStore;

  const threadsRequest = () => http.expectOne((r) => r.url === MESSAGING_API.threads && r.method === 'GET');

  beforeEach(() => {
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: RealtimeClient, useValue: realtime }] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login('parent1@demo.cadenza.school', 'pw').subscribe();
    http.expectOne(API.login).flush(aMessagingSession());
    store = TestBed.inject(InboxStore);
    TestBed.tick();
  });
  afterEach(() => http.verify());

  function started(threads = [aSummary({ unreadCount: 2 }), aSummary({ id: 't-2', unreadCount: 1 })]) {
    store.wantNames();
    threadsRequest().flush(threads);
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
  }

  it('loads nothing until started, then threads and contacts once', () => {
    http.expectNone(MESSAGING_API.threads);
    started();
    store.start();
    store.wantNames();
    http.expectNone(MESSAGING_API.threads);
    http.expectNone(MESSAGING_API.contacts);
    expect(store.unread()).toBe(3);
    expect(store.names().get('teacher')).toBe('Tess Teacher');
    expect(store.startable().map((c) => c.id)).toEqual(['teacher', 'child']);
  });

  it('re-reads the list when a message, an edit or a read arrives, and tells open conversations', () => {
    started();
    const changed: (string | null)[] = [];
    store.threadChanged.subscribe((id) => changed.push(id));
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm-9', seq: 9 });
    threadsRequest().flush([aSummary({ unreadCount: 3 })]);
    expect(store.unread()).toBe(3);
    realtime.emit('message.updated.v1', { threadId: 't-2', messageId: 'm-1', seq: 1 });
    threadsRequest().flush([aSummary({ unreadCount: 0 })]);
    realtime.emit('thread.read.v1', { threadId: 't-1', userId: 'teacher', lastReadSeq: 2 });
    threadsRequest().flush([aSummary()]);
    realtime.reconnectedEvents.next();
    threadsRequest().flush([aSummary()]);
    expect(changed).toEqual(['t-1', 't-2', 't-1', null]);
    expect(store.unread()).toBe(0);
  });

  it('asks once more when events arrive during a read, never twice at once', () => {
    started();
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm-1', seq: 1 });
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm-2', seq: 2 });
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm-3', seq: 3 });
    threadsRequest().flush([aSummary({ unreadCount: 1 })]);
    threadsRequest().flush([aSummary({ unreadCount: 3 })]);
    http.expectNone(MESSAGING_API.threads);
    expect(store.unread()).toBe(3);
  });

  it('re-reads contacts when someone without a name turns up', () => {
    started();
    store.learnNames(['teacher', 'new-person']);
    http.expectOne(MESSAGING_API.contacts).flush([...CONTACTS, { id: 'new-person', name: 'Nia New', roles: ['teacher'], minor: false, canStart: true, children: [] }]);
    expect(store.names().get('new-person')).toBe('Nia New');
    store.learnNames(['new-person', 'me']);
    http.expectNone(MESSAGING_API.contacts);
  });

  it('zeroes a thread’s unread count at once when it is read', () => {
    started();
    store.markSeenLocally('t-1', 5);
    expect(store.threads().find((t) => t.id === 't-1')).toMatchObject({ unreadCount: 0, lastReadSeq: 5 });
    expect(store.unread()).toBe(1);
  });

  it('loads only the thread list for the navigation badge, and names nobody until asked', () => {
    store.start();
    threadsRequest().flush([aSummary({ unreadCount: 4, participantIds: ['me', 'stranger'] })]);
    http.expectNone(MESSAGING_API.contacts);
    expect(store.unread()).toBe(4);
    store.wantNames();
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
  });

  it('starts from nothing when someone else signs in on the tab', async () => {
    started();
    TestBed.inject(AuthStore).login('parent2@demo.cadenza.school', 'pw').subscribe();
    http.expectOne(API.login).flush(aMessagingSession(aMessagingMe({ id: 'someone-else' })));
    TestBed.tick();
    expect(store.threads()).toEqual([]);
    http.expectOne(MESSAGING_API.contacts).flush([]);
    threadsRequest().flush([aSummary({ id: 't-9', participantIds: ['someone-else', 'teacher'] })]);
    expect(store.threads().map((t) => t.id)).toEqual(['t-9']);
    // Nobody named the teacher yet: asked once more.
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
    expect(store.names().get('teacher')).toBe('Tess Teacher');
  });

  it('ignores socket events before it is started', () => {
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm-1', seq: 1 });
    http.expectNone(MESSAGING_API.threads);
    expect(aMessagingMe().id).toBe('me');
  });
});
