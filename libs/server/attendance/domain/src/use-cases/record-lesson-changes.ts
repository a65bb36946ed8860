import { integrationEvent, isEventOf, outgoingEvent, type OutgoingEvent } from '@cadenza/shared/integration-events';
import { asId, type Clock, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { AttendanceEvents } from '../ports/attendance-events.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';

/** The scheduling events attendance keeps its lessons from. */
export const LESSON_EVENT_TYPES = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1'] as const;

/**
 * Keeps attendance's copy of the school's lessons from scheduling's integration events, in their order: a scheduled
 * or moved lesson is recorded as the event describes it, a cancelled one is kept, marked cancelled (it is never
 * delivered). Other events are ignored. Handling an event again leaves the same lesson: consumers may see one twice.
 * A lesson already published as delivered that is then cancelled is withdrawn, once
 * (`attendance.lesson_delivery_withdrawn.v1`), for billing to take back.
 */
export class RecordLessonChanges {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly events: AttendanceEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(events: readonly OutgoingEvent[]): Promise<number> {
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
        const before = await this.lessons.get(lesson.id);
        await this.lessons.record(lesson);
        recorded++;
        if (!lesson.cancelled || before?.cancelled) continue;
        if (!(await this.registers.find(lesson.id))?.deliveredAt) continue;
        await this.events.publish([
          outgoingEvent(
            event.schoolId,
            this.clock.now(),
            integrationEvent('attendance.lesson_delivery_withdrawn.v1', {
              actorId: event.payload.actorId,
              lessonId: lesson.id,
              teacherId: lesson.teacherId,
              accompanistId: lesson.accompanistId,
              withdrawnAt: this.clock.now().toISOString(),
            }),
          ),
        ]);
      }
      return recorded;
    });
  }
}
