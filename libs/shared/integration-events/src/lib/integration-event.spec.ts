import { asId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { dispatchEvent, INTEGRATION_EVENT_TYPES, integrationEvent, isEventOf, isIntegrationEventType, parseEventType, type IntegrationEvent, type StoredEvent } from './integration-event.js';
import { readOutboxRecord } from './stored-event.js';

const teacher = asId<UserId>('00000000-0000-4000-8000-000000000001');
const lesson = {
  lessonId: asId<Id<'Lesson'>>('00000000-0000-4000-8000-000000000010'),
  seriesId: null,
  teacherId: teacher,
  studentIds: [],
  accompanistId: null,
  roomId: null,
  start: '2026-01-05T16:00:00.000Z',
  end: '2026-01-05T16:30:00.000Z',
};
const stored = <E extends IntegrationEvent>(event: E) => ({ ...event, id: 'e1', schoolId: asId<SchoolId>('00000000-0000-4000-8000-0000000000aa'), occurredAt: new Date(0) });

describe('integration event types', () => {
  it('each has a name and a version (`<name>.v<n>`)', () => {
    expect(INTEGRATION_EVENT_TYPES.length).toBeGreaterThan(0);
    for (const type of INTEGRATION_EVENT_TYPES) expect({ type, parsed: parseEventType(type) }).toEqual({ type, parsed: { name: expect.any(String), version: expect.any(Number) } });
  });

  it('are unique, and no name appears twice with the same version', () => {
    expect(new Set(INTEGRATION_EVENT_TYPES).size).toBe(INTEGRATION_EVENT_TYPES.length);
    const keys = INTEGRATION_EVENT_TYPES.map((type) => JSON.stringify(parseEventType(type)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('splits a versioned type into name and version, and refuses one without a version', () => {
    expect(parseEventType('lesson_request.created.v1')).toEqual({ name: 'lesson_request.created', version: 1 });
    expect(parseEventType('lesson.moved.v12')).toEqual({ name: 'lesson.moved', version: 12 });
    expect(parseEventType('lesson.moved')).toBeNull();
    expect(parseEventType('lesson.moved.v0')).toBeNull();
    expect(isIntegrationEventType('lesson.moved.v1')).toBe(true);
    expect(isIntegrationEventType('lesson.moved')).toBe(false);
    expect(isIntegrationEventType('toString')).toBe(false);
  });
});

describe('narrowing and dispatch', () => {
  const moved = stored(integrationEvent('lesson.moved.v1', { actorId: null, lesson, previous: { start: lesson.start, end: lesson.end, roomId: null } }));
  const scheduled = stored(integrationEvent('lesson.scheduled.v1', { actorId: teacher, lesson }));

  it('isEventOf narrows to the types asked for', () => {
    expect([moved, scheduled].filter((e) => isEventOf(e, 'lesson.moved.v1', 'lesson.cancelled.v1')).map((e) => e.type)).toEqual(['lesson.moved.v1']);
  });

  it('dispatchEvent runs the handler of the event type, and ignores a type without one', () => {
    const handlers = { 'lesson.moved.v1': (e: Extract<StoredEvent, { type: 'lesson.moved.v1' }>) => `moved from ${e.payload.previous.start}` };
    expect(dispatchEvent(moved, handlers)).toBe(`moved from ${lesson.start}`);
    expect(dispatchEvent(scheduled, handlers)).toBeUndefined();
  });
});

describe('the outbox read boundary', () => {
  const record = { id: 'e1', schoolId: '00000000-0000-4000-8000-0000000000aa', occurredAt: new Date(0), payload: { actorId: null, lesson } };

  it('types a row whose type and version are known', () => {
    expect(readOutboxRecord({ ...record, type: 'lesson.scheduled.v1' })).toEqual({ known: true, event: { ...record, type: 'lesson.scheduled.v1' } });
  });

  it('reads a row written before types carried a version as version 1', () => {
    expect(readOutboxRecord({ ...record, type: 'lesson.scheduled' })).toEqual({ known: true, event: { ...record, type: 'lesson.scheduled.v1' } });
    expect(readOutboxRecord({ ...record, type: 'lesson_request.created' })).toMatchObject({ known: true, event: { type: 'lesson_request.created.v1' } });
  });

  it('reports, rather than casts, an unknown type, an unknown version, or a payload that is no object', () => {
    expect(readOutboxRecord({ ...record, type: 'lesson.booked' })).toMatchObject({ known: false, reason: 'unknown event type' });
    expect(readOutboxRecord({ ...record, type: 'lesson.scheduled.v9' })).toMatchObject({ known: false, reason: 'unknown event type' });
    expect(readOutboxRecord({ ...record, type: 'lesson.scheduled.v1', payload: null })).toMatchObject({ known: false, reason: 'payload is not an object' });
    expect(readOutboxRecord({ ...record, type: 'lesson.scheduled.v1', payload: 'x' })).toMatchObject({ known: false });
  });
});
