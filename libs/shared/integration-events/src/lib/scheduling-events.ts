import type { Id, UserId } from '@cadenza/shared/kernel';

/**
 * A lesson as scheduling's events describe it. Instants are ISO 8601 strings in UTC: events
 * travel as JSON, so that is what every consumer reads, whichever process wrote them.
 */
export interface LessonV1 {
  lessonId: Id<'Lesson'>;
  seriesId: Id<'LessonSeries'> | null;
  teacherId: UserId;
  studentIds: UserId[];
  accompanistId: UserId | null;
  roomId: Id<'Room'> | null;
  start: string;
  end: string;
}

export type LessonRequestKindV1 = 'new_lesson' | 'new_series' | 'reschedule' | 'cancellation';

/** Who caused the change; null for the system (a sweep). */
interface ByActor {
  actorId: UserId | null;
}

export interface LessonScheduledV1 extends ByActor {
  lesson: LessonV1;
}

export interface LessonMovedV1 extends ByActor {
  lesson: LessonV1;
  previous: { start: string; end: string; roomId: Id<'Room'> | null };
}

export interface LessonCancelledV1 extends ByActor {
  lesson: LessonV1;
  reason: string;
  /** Cancelled by the family inside the school's notice period. */
  late: boolean;
  creditGranted: boolean;
}

/** A lesson request was created or decided; the event type says which. */
export interface LessonRequestV1 extends ByActor {
  requestId: Id<'LessonRequest'>;
  kind: LessonRequestKindV1;
  requestedBy: UserId;
  studentId: UserId;
  teacherId: UserId;
}

/** Scheduling's events, by versioned type. */
export interface SchedulingEventPayloads {
  'lesson.scheduled.v1': LessonScheduledV1;
  'lesson.moved.v1': LessonMovedV1;
  'lesson.cancelled.v1': LessonCancelledV1;
  'lesson_request.created.v1': LessonRequestV1;
  'lesson_request.approved.v1': LessonRequestV1;
  'lesson_request.declined.v1': LessonRequestV1;
  'lesson_request.countered.v1': LessonRequestV1;
  'lesson_request.withdrawn.v1': LessonRequestV1;
}
