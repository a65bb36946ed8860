import { Injectable } from '@nestjs/common';
import { FamilyRepository } from '@cadenza/server/identity/domain';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS, type LessonChange } from '@cadenza/shared/contracts';
import { isEventOf, type IntegrationEventType } from '@cadenza/shared/integration-events';
import type { UserId } from '@cadenza/shared/kernel';

/** Scheduling's lesson events that sockets hear of, and the change each announces. */
const LESSON_EVENTS = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1'] as const satisfies readonly IntegrationEventType[];
const CHANGES: { readonly [T in (typeof LESSON_EVENTS)[number]]: LessonChange } = {
  'lesson.scheduled.v1': 'scheduled',
  'lesson.moved.v1': 'moved',
  'lesson.cancelled.v1': 'cancelled',
};

/**
 * Who hears of a lesson change: everyone who may read the lesson — its teacher,
 * accompanist and students, the guardians with access to any of its students — and the
 * school's admins. Joins scheduling's events with identity's families, so it lives in the app.
 */
@Injectable()
export class LessonAudienceRouter extends RealtimeRouter {
  constructor(private readonly families: FamilyRepository) {
    super();
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const lessons = events.filter((e) => isEventOf(e, ...LESSON_EVENTS));
    if (lessons.length === 0) return [];
    // The guardians of every student of the batch, in one read.
    const guardians = await this.families.guardiansOfChildren([...new Set<UserId>(lessons.flatMap((e) => e.payload.lesson.studentIds))]);
    return lessons.map((event) => {
      const { lesson } = event.payload;
      const change = CHANGES[event.type];
      const previous = event.type === 'lesson.moved.v1' ? event.payload.previous : null;
      const people = new Set<string>([lesson.teacherId, ...lesson.studentIds]);
      if (lesson.accompanistId) people.add(lesson.accompanistId);
      for (const studentId of lesson.studentIds) for (const guardian of guardians.get(studentId) ?? []) people.add(guardian);
      return {
        rooms: [...[...people].map(RealtimeRooms.user), RealtimeRooms.schoolAdmins(event.schoolId)],
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
