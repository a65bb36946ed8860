import { Injectable } from '@nestjs/common';
import { FamilyRepository } from '@cadenza/server/identity/domain';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS, type LessonChange } from '@cadenza/shared/contracts';
import type { UserId } from '@cadenza/shared/kernel';

/** The parts of scheduling's `lesson.*` outbox payloads that sockets hear of (dates arrive as ISO strings). */
interface LessonPayload {
  lesson: { lessonId: string; teacherId: string; studentIds: string[]; accompanistId: string | null; start: string; end: string };
  previous?: { start: string; end: string };
}

const CHANGES: Record<string, LessonChange> = {
  'lesson.scheduled': 'scheduled',
  'lesson.moved': 'moved',
  'lesson.cancelled': 'cancelled',
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
    const lessons = events.filter((e) => CHANGES[e.type]).map((e) => ({ event: e, ...(e.payload as LessonPayload) }));
    if (lessons.length === 0) return [];
    // The guardians of every student of the batch, in one read.
    const guardians = await this.families.guardiansOfChildren([...new Set(lessons.flatMap((l) => l.lesson.studentIds))] as UserId[]);
    return lessons.map(({ event, lesson, previous }) => {
      const change = CHANGES[event.type];
      const people = new Set<string>([lesson.teacherId, ...lesson.studentIds]);
      if (lesson.accompanistId) people.add(lesson.accompanistId);
      for (const studentId of lesson.studentIds) for (const guardian of guardians.get(studentId as UserId) ?? []) people.add(guardian);
      return {
        rooms: [...[...people].map(RealtimeRooms.user), RealtimeRooms.schoolAdmins(event.schoolId)],
        event: REALTIME_EVENTS.lessonChanged,
        payload: {
          lessonId: lesson.lessonId,
          change,
          start: lesson.start,
          end: lesson.end,
          ...(change === 'moved' && previous ? { previous: { start: previous.start, end: previous.end } } : {}),
        },
      };
    });
  }
}
