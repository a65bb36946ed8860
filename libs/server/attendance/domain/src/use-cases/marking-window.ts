import { DAY, DomainError, MINUTE, type Actor } from '@cadenza/shared/kernel';
import { forbidden, isAdmin } from '../model/actor.js';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { AttendanceSettings } from '../model/attendance-settings.js';

/** When a lesson's register opens (its start, less the school's early minutes) and when its marking window closes. */
export function markingWindow(lesson: AttendedLesson, settings: AttendanceSettings): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(lesson.start.getTime() - settings.earlyMarkingMinutes * MINUTE),
    closesAt: new Date(lesson.end.getTime() + settings.markingWindowDays * DAY),
  };
}

/**
 * Refuses marking outside the window: before the register opens (409, for everyone), and after it closes unless an
 * admin gives a reason (a teacher is refused with 403; an admin without a reason gets a 400 naming `reason`).
 */
export function requireWithinWindow(lesson: AttendedLesson, settings: AttendanceSettings, actor: Actor, now: Date, reason: string | null): void {
  const { opensAt, closesAt } = markingWindow(lesson, settings);
  if (now < opensAt) throw new DomainError('ATTENDANCE.NOT_STARTED', 'conflict', `The lesson has not started: its register opens at ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() });
  if (now <= closesAt) return;
  if (!isAdmin(actor)) throw forbidden(`The marking window closed at ${closesAt.toISOString()}: ask an admin to correct the register.`, 'ATTENDANCE.WINDOW_CLOSED');
  if (!reason) throw DomainError.invalid('ATTENDANCE.REASON_REQUIRED', 'reason', 'A change after the marking window needs a reason.');
}
