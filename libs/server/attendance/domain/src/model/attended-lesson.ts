import type { UserId } from '@cadenza/shared/kernel';
import type { LessonId } from './ids.js';

/**
 * A lesson as attendance knows it: its own copy, kept from scheduling's integration events (`lesson.scheduled.v1`,
 * `lesson.moved.v1`, `lesson.cancelled.v1`), never read from scheduling's tables.
 */
export interface AttendedLesson {
  id: LessonId;
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: UserId[];
  start: Date;
  end: Date;
  cancelled: boolean;
}

/** Whether the person teaches or accompanies the lesson: the staff who may mark it besides admins. */
export function teachesIn(lesson: AttendedLesson, personId: UserId): boolean {
  return lesson.teacherId === personId || lesson.accompanistId === personId;
}
