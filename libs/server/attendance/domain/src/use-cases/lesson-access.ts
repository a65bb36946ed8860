import { DomainError, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import { teachesIn, type AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';

export const lessonNotFound = () => DomainError.notFound('ATTENDANCE.LESSON_NOT_FOUND', 'The lesson');

/**
 * The lesson, for someone who may read its register: admins, and its teacher or accompanist. Anyone else is told it
 * was not found, so a register never says whose lessons exist.
 */
export async function lessonToRead(lessons: AttendedLessons, actor: Actor, lessonId: LessonId): Promise<AttendedLesson> {
  const lesson = await lessons.get(lessonId);
  if (!lesson || !(isAdmin(actor) || teachesIn(lesson, actor.userId))) throw lessonNotFound();
  return lesson;
}

/**
 * The lesson, for someone who may mark it or start it: admins, and its teacher or accompanist. Another teacher or
 * accompanist is refused saying why (403); anyone else is told it was not found.
 */
export async function lessonToMark(lessons: AttendedLessons, actor: Actor, lessonId: LessonId): Promise<AttendedLesson> {
  const lesson = await lessons.get(lessonId);
  if (!lesson) throw lessonNotFound();
  if (isAdmin(actor) || teachesIn(lesson, actor.userId)) return lesson;
  if (hasRole(actor, 'teacher', 'accompanist')) throw forbidden('This is another teacher’s lesson: only its teacher, its accompanist and admins may mark it.', 'ATTENDANCE.NOT_YOUR_LESSON');
  throw lessonNotFound();
}

/** Refuses a cancelled lesson: it has no register to keep. */
export function requireNotCancelled(lesson: AttendedLesson): void {
  if (lesson.cancelled) throw new DomainError('ATTENDANCE.LESSON_CANCELLED', 'conflict', 'The lesson was cancelled: it has no register.');
}
