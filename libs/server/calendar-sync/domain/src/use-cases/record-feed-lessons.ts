import { isEventOf, type StoredEvent } from '@cadenza/shared/integration-events';
import { asId, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { applyLessonChange, type LessonChange } from '../model/feed-lesson.js';
import type { LessonId, RoomId } from '../model/ids.js';
import type { FeedLessons } from '../ports/feed-lessons.js';

/** The scheduling events calendar sync keeps its lessons from. */
export const FEED_LESSON_EVENT_TYPES = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1'] as const;

/** What a lesson event says the lesson now is, or null for any other event. */
export function lessonChangeOf(event: StoredEvent): LessonChange | null {
  if (!isEventOf(event, ...FEED_LESSON_EVENT_TYPES)) return null;
  const l = event.payload.lesson;
  return {
    at: event.occurredAt,
    lesson: {
      id: asId<LessonId>(l.lessonId),
      teacherId: l.teacherId,
      accompanistId: l.accompanistId,
      studentIds: l.studentIds.map((id) => asId<UserId>(id)),
      roomId: l.roomId === null ? null : asId<RoomId>(l.roomId),
      start: new Date(l.start),
      end: new Date(l.end),
      cancelled: event.type === 'lesson.cancelled.v1',
    },
  };
}

/**
 * Keeps calendar sync's copy of the lessons from scheduling's events, in one unit of work: each change applied to the
 * lesson as it stands (`applyLessonChange`), so an event handled twice or after a later one leaves the same lesson.
 * Returns how many lessons it recorded.
 */
export class RecordFeedLessons {
  constructor(
    private readonly lessons: FeedLessons,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(events: readonly StoredEvent[]): Promise<number> {
    return this.uow.run(async () => {
      let recorded = 0;
      for (const event of events) {
        const change = lessonChangeOf(event);
        if (!change) continue;
        await this.lessons.record(applyLessonChange(await this.lessons.get(change.lesson.id), change));
        recorded++;
      }
      return recorded;
    });
  }
}
