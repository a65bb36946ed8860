import { isEventOf, type IntegrationEvent } from '@cadenza/shared/integration-events';
import { asId, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';

/** The scheduling events attendance keeps its lessons from. */
export const LESSON_EVENT_TYPES = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1'] as const;

/**
 * Keeps attendance's copy of the school's lessons from scheduling's integration events, in their order: a scheduled
 * or moved lesson is recorded as the event describes it, a cancelled one is kept, marked cancelled (it is never
 * delivered). Other events are ignored. Handling an event again leaves the same lesson: consumers may see one twice.
 */
export class RecordLessonChanges {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(events: readonly IntegrationEvent[]): Promise<number> {
    return this.uow.run(async () => {
      let recorded = 0;
      for (const event of events) {
        if (!isEventOf(event, ...LESSON_EVENT_TYPES)) continue;
        const l = event.payload.lesson;
        const lesson: AttendedLesson = {
          id: asId<LessonId>(l.lessonId),
          teacherId: l.teacherId,
          accompanistId: l.accompanistId,
          studentIds: l.studentIds.map((id) => asId<UserId>(id)),
          start: new Date(l.start),
          end: new Date(l.end),
          cancelled: event.type === 'lesson.cancelled.v1',
        };
        await this.lessons.record(lesson);
        recorded++;
      }
      return recorded;
    });
  }
}
