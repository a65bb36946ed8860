import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import type { Actor } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { Register } from '../model/register.js';
import type { AttendanceEvent } from '../ports/attendance-events.js';

const countsOf = (register: Register, lesson: AttendedLesson) => {
  const { marked: _marked, ...counts } = register.counts(lesson);
  return counts;
};

/** `attendance.register_changed.v1` for the register as it now stands. */
export function registerChanged(actor: Actor, now: Date, lesson: AttendedLesson, register: Register): AttendanceEvent {
  return outgoingEvent(
    actor.schoolId,
    now,
    integrationEvent('attendance.register_changed.v1', {
      actorId: actor.userId,
      lessonId: lesson.id,
      teacherId: lesson.teacherId,
      accompanistId: lesson.accompanistId,
      studentIds: [...lesson.studentIds],
      counts: countsOf(register, lesson),
      startedAt: register.startedAt?.toISOString() ?? null,
      endedAt: register.endedAt?.toISOString() ?? null,
    }),
  );
}

/** `attendance.lesson_delivered.v1`, once, when the register first becomes complete. */
export function lessonDelivered(actor: Actor, now: Date, lesson: AttendedLesson, register: Register): AttendanceEvent {
  return outgoingEvent(
    actor.schoolId,
    now,
    integrationEvent('attendance.lesson_delivered.v1', {
      actorId: actor.userId,
      lessonId: lesson.id,
      teacherId: lesson.teacherId,
      accompanistId: lesson.accompanistId,
      studentIds: [...lesson.studentIds],
      start: lesson.start.toISOString(),
      end: lesson.end.toISOString(),
      startedAt: register.startedAt?.toISOString() ?? null,
      deliveredAt: (register.deliveredAt ?? now).toISOString(),
      counts: countsOf(register, lesson),
    }),
  );
}
