/**
 * What the compiler refuses, proven by `tsc -p tsconfig.json` (which type-checks this file):
 * each `@ts-expect-error` line must fail to compile, or tsc fails with "unused directive". So a
 * consumer that names an unknown, misspelt, renamed or unversioned event, or reads a payload
 * field its event does not have, does not build.
 */
import { asId, type UserId } from '@cadenza/shared/kernel';
import { dispatchEvent, integrationEvent, isEventOf, unhandledEvent, type AllIntegrationEventHandlers, type IntegrationEventHandlers, type StoredEvent } from './integration-event.js';

const someone = asId<UserId>('00000000-0000-4000-8000-000000000001');

/** A consumer's handler map, typed as consumers type theirs. */
export const consumerHandlers: IntegrationEventHandlers<StoredEvent, string> = {
  'lesson.moved.v1': (event) => event.payload.previous.start,
  'message.flagged.v1': (event) => event.payload.flagId,
};

// The compiler reports one unknown key per object literal, hence one map each.
// @ts-expect-error a misspelt event name is no key of the map
export const misspelt: IntegrationEventHandlers<StoredEvent, string> = { 'lesson.movd.v1': () => 'never' };
// @ts-expect-error an event without its version is not an event type
export const unversioned: IntegrationEventHandlers<StoredEvent, string> = { 'lesson.moved': () => 'never' };
// @ts-expect-error a version that does not exist
export const unknownVersion: IntegrationEventHandlers<StoredEvent, string> = { 'lesson.moved.v2': () => 'never' };
export const narrowed: IntegrationEventHandlers<StoredEvent, string> = {
  // @ts-expect-error the handler's event is narrowed: a cancellation has no `previous`
  'lesson.cancelled.v1': (event) => event.payload.previous.start,
};
// @ts-expect-error passed straight to dispatchEvent, an unknown key fails as well
export const dispatched = (event: StoredEvent) => dispatchEvent(event, { 'lesson.rescheduled.v1': () => 'never' });

export function consumerSwitch(event: StoredEvent): string {
  switch (event.type) {
    case 'lesson.scheduled.v1':
      return event.payload.lesson.start;
    // @ts-expect-error a case that no event type has
    case 'lesson.booked.v1':
      return 'never';
    default:
      return 'other';
  }
}

export function consumerFilter(events: readonly StoredEvent[]): string[] {
  // @ts-expect-error isEventOf accepts known types only
  events.filter((e) => isEventOf(e, 'message.created'));
  return events.filter((e) => isEventOf(e, 'message.created.v1')).map((e) => e.payload.threadId);
}

export function producer() {
  // @ts-expect-error a payload must be the type's: a moved lesson needs its previous time
  integrationEvent('lesson.moved.v1', { actorId: someone, lesson: null });
  // @ts-expect-error and a producer cannot invent a type
  integrationEvent('lesson.booked.v1', {});
}

/** A map that must handle everything fails when a type is missing. */
// @ts-expect-error only two of the types are handled
export const everything: AllIntegrationEventHandlers<StoredEvent, void> = { 'lesson.moved.v1': () => undefined, 'lesson.scheduled.v1': () => undefined };

export function exhaustive(event: StoredEvent): string {
  switch (event.type) {
    case 'lesson.scheduled.v1':
      return 'scheduled';
    default:
      // @ts-expect-error every other type is still possible here, so this is not `never`
      return unhandledEvent(event);
  }
}

describe('what the compiler refuses (checked by tsc, see above)', () => {
  it('a well-typed handler map still dispatches', () => {
    const event = {
      id: 'e1',
      schoolId: asId('00000000-0000-4000-8000-0000000000aa'),
      occurredAt: new Date(0),
      ...integrationEvent('message.flagged.v1', { actorId: someone, threadId: asId('t1'), flagId: asId('f1'), messageId: asId('m1'), flaggedBy: someone }),
    } satisfies StoredEvent;
    expect(dispatchEvent(event, consumerHandlers)).toBe('f1');
    expect(consumerSwitch(event)).toBe('other');
    expect(consumerFilter([event])).toEqual([]);
    expect(() => exhaustive(event)).toThrow('Unhandled integration event message.flagged.v1');
  });
});
