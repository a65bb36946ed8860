import type { UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';

/** Lessons in a period: every lesson of the school, or those a person teaches or accompanies. */
export interface AttendedLessonQuery {
  from: Date;
  to: Date;
  /** Only the lessons this person teaches or accompanies. */
  staffId?: UserId;
  /** Only the lessons this student is in. */
  studentId?: UserId;
}

/**
 * Attendance's own copy of the school's lessons, kept from scheduling's integration events: attendance never reads
 * scheduling's tables nor imports its libraries.
 */
export abstract class AttendedLessons {
  /** Adds or replaces the lesson (scheduled, or moved: times, room and people as the event has them). */
  abstract record(lesson: AttendedLesson): Promise<void>;
  abstract get(id: LessonId): Promise<AttendedLesson | null>;
  /** Lessons overlapping the period, cancelled ones included, by start. */
  abstract between(query: AttendedLessonQuery): Promise<AttendedLesson[]>;
}
