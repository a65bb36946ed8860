import type { UserId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';

/**
 * What attendance has already alerted about, one keyed row each, written in the unit of work that publishes the alert:
 * a run committed twice (a second worker, a retried tick) finds the row and publishes nothing.
 */
export abstract class AttendanceAlerts {
  /** Takes the school's missing-register reminder of the day (`YYYY-MM-DD`); false when it was already taken. */
  abstract claimReminderDay(date: string, at: Date): Promise<boolean>;
  /** Takes the alert of the student's absence streak that began with `firstLessonId`; false when it was already taken. */
  abstract claimStreak(studentId: UserId, firstLessonId: LessonId, at: Date): Promise<boolean>;
}
