import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { FakeRealtime } from '@cadenza/web/shared/data-access-api/testing';
import { LessonsStore, PUSH_GATHER_MS } from './lessons-store';
import { SCHEDULING_API, type LessonsFilter } from './scheduling-api';
import { aLesson } from './testing';

const lessonAt = (id: string, start: string) => aLesson({ id, start, end: start.replace(':00.000Z', ':30.000Z') });
const week1: LessonsFilter = { from: '2030-01-06T23:00:00.000Z', to: '2030-01-13T22:59:59.999Z', teacherId: null };
const week2: LessonsFilter = { ...week1, from: '2030-01-13T23:00:00.000Z', to: '2030-01-20T22:59:59.999Z' };

describe('LessonsStore', () => {
  let store: LessonsStore;
  let backend: HttpTestingController;
  let realtime: FakeRealtime;
  const query = signal(week1);

  beforeEach(() => {
    realtime = new FakeRealtime();
    query.set(week1);
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), LessonsStore, { provide: RealtimeClient, useValue: realtime }],
    });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(LessonsStore);
    store.follow(() => query());
    TestBed.tick();
  });
  afterEach(() => backend.verify());

  const gathered = () => new Promise((resolve) => setTimeout(resolve, PUSH_GATHER_MS + 10));
  const pending = (): TestRequest => backend.expectOne((r) => r.url === SCHEDULING_API.lessons);

  it('reads the period it follows and keeps its lessons in start order, saying what they were read for', () => {
    expect(store.loading()).toBe(true);
    expect(store.loadedFor()).toBe('');
    const read = pending();
    expect(read.request.params.get('from')).toBe(week1.from);
    read.flush([lessonAt('late', '2030-01-08T17:00:00.000Z'), lessonAt('early', '2030-01-07T16:00:00.000Z')]);
    expect(store.lessons().map((l) => l.id)).toEqual(['early', 'late']);
    expect(store.loading()).toBe(false);
    expect(JSON.parse(store.loadedFor())).toEqual(week1);
  });

  it('reads again when the period changes, and an answer for the old period does not overwrite the new one', () => {
    const first = pending();
    query.set(week2);
    TestBed.tick();
    expect(first.cancelled).toBe(true);
    pending().flush([lessonAt('next-week', '2030-01-14T16:00:00.000Z')]);
    expect(store.lessons().map((l) => l.id)).toEqual(['next-week']);
    expect(JSON.parse(store.loadedFor())).toEqual(week2);
  });

  it('reads the same period again on lesson.changed.v1, on reconnection and when asked', async () => {
    pending().flush([]);
    for (const trigger of [
      () => realtime.emit(REALTIME_EVENTS.lessonChanged, { lessonId: 'l-9', change: 'moved' }),
      () => realtime.reconnectedEvents.next(),
      () => store.reload(),
    ]) {
      trigger();
      await gathered();
      TestBed.tick();
      const again = pending();
      expect(again.request.params.get('from')).toBe(week1.from);
      again.flush([lessonAt('l-9', '2030-01-07T16:00:00.000Z')]);
      expect(store.lessons().map((l) => l.id)).toEqual(['l-9']);
      store.reload(); // leave an empty timetable for the next trigger
      TestBed.tick();
      pending().flush([]);
    }
  });

  it('makes one read of a burst of pushes', async () => {
    pending().flush([]);
    for (let i = 0; i < 5; i++) {
      realtime.emit(REALTIME_EVENTS.lessonChanged, { lessonId: `l-${i}`, change: 'scheduled' });
      TestBed.tick();
      backend.expectNone((r) => r.url === SCHEDULING_API.lessons);
    }
    await gathered();
    TestBed.tick();
    pending().flush([]);
  });

  it('keeps the lessons it has and reports a failed read, until the next answer clears it', () => {
    pending().flush([lessonAt('kept', '2030-01-07T16:00:00.000Z')]);
    store.reload();
    TestBed.tick();
    pending().flush({ title: 'Service unavailable', status: 503 }, { status: 503, statusText: 'Service Unavailable' });
    expect(store.problem()?.status).toBe(503);
    expect(store.loading()).toBe(false);
    expect(store.lessons().map((l) => l.id)).toEqual(['kept']);
    store.reload();
    TestBed.tick();
    pending().flush([]);
    expect(store.problem()).toBeNull();
  });

  it('stops listening to the socket when the page that provides it is destroyed', () => {
    pending().flush([]);
    expect(realtime.listens(REALTIME_EVENTS.lessonChanged)).toBe(true);
    TestBed.resetTestingModule();
    expect(realtime.listens(REALTIME_EVENTS.lessonChanged)).toBe(false);
  });
});
