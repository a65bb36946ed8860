import { integrationEvent, outgoingEvent, type StoredEvent } from '@cadenza/shared/integration-events';
import { asId, newId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, RoomId } from '../model/ids.js';
import { calendarSyncWorld, type CalendarSyncWorld } from '../testing/calendar-sync-world.js';

describe('calendar feeds', () => {
  let world: CalendarSyncWorld;
  let eventCount = 0;
  const room = newId<RoomId>();

  const stored = (occurredAt: string, event: Parameters<typeof outgoingEvent>[2]): StoredEvent => ({ ...outgoingEvent(world.schoolId, new Date(occurredAt), event), id: `e${++eventCount}` }) as StoredEvent;
  const lesson = (id: LessonId, start: string, end: string, over: { studentIds?: UserId[]; accompanistId?: UserId | null } = {}) => ({
    lessonId: id,
    seriesId: null,
    teacherId: world.people.teacher.userId,
    studentIds: over.studentIds ?? [world.people.student.userId],
    accompanistId: over.accompanistId ?? null,
    roomId: room,
    start,
    end,
  });

  beforeEach(() => {
    world = calendarSyncWorld({ now: '2027-03-01T09:00:00Z' });
    world.ports.directory.rooms.set(room, 'Room 1');
  });

  it('gives a person a feed once, replaces it on rotation, and the old token reads nothing', async () => {
    const { useCases, people, ports } = world;
    expect(await useCases.getMyCalendarFeed.execute(people.student)).toEqual({ exists: false, createdAt: null });
    const first = await useCases.rotateMyCalendarFeed.execute(people.student);
    expect(first).toMatchObject({ token: 'token-1', rotated: false });
    expect(await useCases.getMyCalendarFeed.execute(people.student)).toEqual({ exists: true, createdAt: new Date('2027-03-01T09:00:00Z') });
    expect((await useCases.readCalendarFeed.execute({ token: first.token, ip: '10.0.0.1' })).name).toBe('Sam Student · Cadenza');
    expect(ports.school.entered).toBe(world.schoolId);

    const second = await useCases.rotateMyCalendarFeed.execute(people.student);
    expect(second).toMatchObject({ token: 'token-2', rotated: true });
    await expect(useCases.readCalendarFeed.execute({ token: first.token, ip: '10.0.0.1' })).rejects.toMatchObject({ code: 'CALENDAR_SYNC.FEED_NOT_FOUND', kind: 'not_found' });
    await expect(useCases.readCalendarFeed.execute({ token: second.token, ip: '10.0.0.1' })).resolves.toMatchObject({ timeZone: 'Europe/London' });
    expect(ports.audit.entries.map((e) => e.action)).toEqual(['calendar_sync.feed.created', 'calendar_sync.feed.rotated']);
    expect(JSON.stringify(ports.audit.entries)).not.toContain('token-');
  });

  it('lists exactly the person’s lessons, worded for them, cancelled ones marked', async () => {
    const { useCases, people, ports } = world;
    const own = asId<LessonId>(newId());
    const group = asId<LessonId>(newId());
    const others = asId<LessonId>(newId());
    const old = asId<LessonId>(newId());
    await useCases.recordFeedLessons.execute([
      stored('2027-02-01T08:00:00Z', integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lesson(own, '2027-03-02T16:00:00Z', '2027-03-02T16:30:00Z') })),
      stored('2027-02-01T08:00:00Z', integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lesson(group, '2027-03-03T16:00:00Z', '2027-03-03T17:00:00Z', { studentIds: [people.student.userId, people.other.userId], accompanistId: people.accompanist.userId }) })),
      stored('2027-02-01T08:00:00Z', integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lesson(others, '2027-03-04T16:00:00Z', '2027-03-04T16:30:00Z', { studentIds: [people.other.userId] }) })),
      stored('2027-02-01T08:00:00Z', integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lesson(old, '2026-09-01T16:00:00Z', '2026-09-01T16:30:00Z') })),
      stored('2027-02-02T08:00:00Z', integrationEvent('lesson.cancelled.v1', { actorId: null, lesson: lesson(own, '2027-03-02T16:00:00Z', '2027-03-02T16:30:00Z'), reason: 'ill', late: false, creditGranted: false })),
    ]);
    const read = async (who: keyof typeof people) => {
      const { token } = await useCases.rotateMyCalendarFeed.execute(people[who]);
      return (await useCases.readCalendarFeed.execute({ token, ip: '10.0.0.2' })).events;
    };

    const student = await read('student');
    expect(student.map((e) => [e.lessonId, e.summary, e.status, e.location])).toEqual([
      [own, 'Cancelled: Lesson with Tess Teacher', 'cancelled', 'Room 1'],
      [group, 'Lesson with Tess Teacher', 'confirmed', 'Room 1'],
    ]);
    expect(student[0].uid).toBe(`lesson-${own}@cadenza`);
    expect(student[1].description).toBe('Teacher: Tess Teacher\nAccompanist: Alan Accompanist');
    expect((await read('parent')).map((e) => e.summary)).toEqual(['Cancelled: Sam Student: lesson with Tess Teacher', 'Sam Student: lesson with Tess Teacher']);
    expect((await read('teacher')).map((e) => e.summary)).toEqual(['Cancelled: Lesson with Sam Student', 'Lesson with Sam Student and Olga Other', 'Lesson with Olga Other']);
    expect((await read('accompanist')).map((e) => e.summary)).toEqual(['Accompanying Sam Student and Olga Other']);
    expect(await read('admin')).toEqual([]);
    expect(ports.lessons.byId.size).toBe(4);
  });

  it('keeps the lesson as the latest event says, whatever order or how often events come; a cancellation is final', async () => {
    const { useCases, ports } = world;
    const id = asId<LessonId>(newId());
    const scheduled = stored('2027-02-01T08:00:00Z', integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lesson(id, '2027-03-02T16:00:00Z', '2027-03-02T16:30:00Z') }));
    const moved = stored('2027-02-02T08:00:00Z', integrationEvent('lesson.moved.v1', { actorId: null, lesson: lesson(id, '2027-03-05T16:00:00Z', '2027-03-05T16:30:00Z'), previous: { start: '2027-03-02T16:00:00Z', end: '2027-03-02T16:30:00Z', roomId: room } }));
    const cancelled = stored('2027-02-03T08:00:00Z', integrationEvent('lesson.cancelled.v1', { actorId: null, lesson: lesson(id, '2027-03-05T16:00:00Z', '2027-03-05T16:30:00Z'), reason: 'r', late: false, creditGranted: false }));
    await useCases.recordFeedLessons.execute([moved, scheduled, moved]);
    expect(await ports.lessons.get(id)).toMatchObject({ start: new Date('2027-03-05T16:00:00Z'), cancelled: false, changedAt: new Date('2027-02-02T08:00:00Z') });
    await useCases.recordFeedLessons.execute([cancelled, moved, scheduled]);
    expect(await ports.lessons.get(id)).toMatchObject({ start: new Date('2027-03-05T16:00:00Z'), cancelled: true });
  });

  it('answers 404 for a token that was never given, and for a person who left', async () => {
    const { useCases, people, ports } = world;
    await expect(useCases.readCalendarFeed.execute({ token: 'guess', ip: '10.0.0.3' })).rejects.toMatchObject({ kind: 'not_found' });
    const { token } = await useCases.rotateMyCalendarFeed.execute(people.teacher);
    ports.directory.people.set(people.teacher.userId, { name: 'Tess Teacher', left: true });
    await expect(useCases.readCalendarFeed.execute({ token, ip: '10.0.0.3' })).rejects.toMatchObject({ code: 'CALENDAR_SYNC.FEED_NOT_FOUND' });
  });

  it('throttles reads of one feed, and guesses from one address', async () => {
    const { useCases, people } = world;
    const { token } = await useCases.rotateMyCalendarFeed.execute(people.student);
    for (let i = 0; i < 30; i++) await useCases.readCalendarFeed.execute({ token, ip: `10.1.0.${i}` });
    await expect(useCases.readCalendarFeed.execute({ token, ip: '10.1.1.1' })).rejects.toMatchObject({ kind: 'rate_limited', code: 'CALENDAR_SYNC.TOO_MANY_FEED_READS' });
    for (let i = 0; i < 120; i++) await expect(useCases.readCalendarFeed.execute({ token: `guess-${i}`, ip: '10.2.0.1' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(useCases.readCalendarFeed.execute({ token: 'guess-x', ip: '10.2.0.1' })).rejects.toMatchObject({ kind: 'rate_limited' });
  });
});
