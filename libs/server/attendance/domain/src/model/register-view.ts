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
