import { Injectable } from '@nestjs/common';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { LessonAudience } from '@cadenza/server/scheduling/domain';
import { REALTIME_EVENTS, type LessonChange } from '@cadenza/shared/contracts';
import { isEventOf, type IntegrationEventType } from '@cadenza/shared/integration-events';

/** Scheduling's lesson events that sockets hear of, and the change each announces. */
const LESSON_EVENTS = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1'] as const satisfies readonly IntegrationEventType[];
const CHANGES: { readonly [T in (typeof LESSON_EVENTS)[number]]: LessonChange } = {
  'lesson.scheduled.v1': 'scheduled',
  'lesson.moved.v1': 'moved',
  'lesson.cancelled.v1': 'cancelled',
};

/**
 * Who hears of a lesson change: the lesson's audience, as scheduling's `LessonAudience` names it (its people
 * to their own rooms, the school's admins through their school's room). The guardians come through scheduling's
 * `SchoolDirectory`, one read per batch, with the event's school in force.
 */
@Injectable()
export class LessonAudienceRouter extends RealtimeRouter {
  constructor(private readonly audience: LessonAudience) {
    super();
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const lessons = events.filter((e) => isEventOf(e, ...LESSON_EVENTS));
    if (lessons.length === 0) return [];
    const audiences = await this.audience.peopleOf(lessons.map((e) => e.payload.lesson));
    return lessons.map((event, i) => {
      const { lesson } = event.payload;
      const change = CHANGES[event.type];
      const previous = event.type === 'lesson.moved.v1' ? event.payload.previous : null;
      return {
        rooms: [...audiences[i].map(RealtimeRooms.user), RealtimeRooms.schoolAdmins(event.schoolId)],
        event: REALTIME_EVENTS.lessonChanged,
        payload: {
          lessonId: lesson.lessonId,
          change,
          start: lesson.start,
          end: lesson.end,
          ...(previous ? { previous: { start: previous.start, end: previous.end } } : {}),
        },
      };
    });
  }
}
