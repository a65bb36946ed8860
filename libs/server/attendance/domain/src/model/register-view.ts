import type { AttendedLesson } from './attended-lesson.js';
import { Register, type RegisterCounts } from './register.js';

/** A lesson with its register, as the use cases answer it. */
export interface RegisterView {
  lesson: AttendedLesson;
  register: Register;
  complete: boolean;
  delivered: boolean;
  counts: RegisterCounts;
}

export function registerView(lesson: AttendedLesson, register: Register | null): RegisterView {
  const kept = register ?? Register.empty(lesson.id);
  return { lesson, register: kept, complete: kept.isComplete(lesson), delivered: kept.isDelivered(lesson), counts: kept.counts(lesson) };
}

/** Where a lesson's register stands at a moment, as the day register filters it. */
export const REGISTER_PROGRESS = ['upcoming', 'in_progress', 'missing', 'complete', 'cancelled'] as const;
export type RegisterProgress = (typeof REGISTER_PROGRESS)[number];

/**
 * `cancelled`; `complete` (every student marked); otherwise `upcoming` before the lesson's start, `in_progress` until
 * its end, and `missing` once it has ended without a complete register.
 */
export function registerProgressAt(view: RegisterView, now: Date): RegisterProgress {
  if (view.lesson.cancelled) return 'cancelled';
  if (view.complete) return 'complete';
  if (now < view.lesson.start) return 'upcoming';
  if (now < view.lesson.end) return 'in_progress';
  return 'missing';
}
