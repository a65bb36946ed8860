import { DomainError, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import type { Lesson } from '../model/lesson.js';
import type { SchoolDirectory } from '../ports/index.js';
import { LessonAudience } from './lesson-audience.js';

/** Whether the actor may read the lesson: whether they are in its audience (`LessonAudience`, the one rule). */
export function canSeeLesson(actor: Actor, lesson: Lesson, directory: SchoolDirectory): Promise<boolean> {
  return new LessonAudience(directory).includes(actor, lesson);
}

/** A lesson the actor may not see is, to them, not there: 404, never a 403 that confirms it exists. */
export async function requireVisibleLesson(actor: Actor, lesson: Lesson, directory: SchoolDirectory): Promise<void> {
  if (!(await canSeeLesson(actor, lesson, directory))) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
}

/** A student for themselves, or a parent with full access to the child. */
export async function actsForStudent(actor: Actor, studentId: UserId, directory: SchoolDirectory): Promise<boolean> {
  if (hasRole(actor, 'student') && actor.userId === studentId) return true;
  return hasRole(actor, 'parent') && (await directory.guardianAccess(actor.userId, studentId)) === 'full';
}

/** The students of a lesson the actor acts for (as a student or a parent with full access). */
export async function studentsActedFor(actor: Actor, lesson: Lesson, directory: SchoolDirectory): Promise<UserId[]> {
  const out: UserId[] = [];
  for (const id of lesson.studentIds) if (await actsForStudent(actor, id, directory)) out.push(id);
  return out;
}

/** Admins, or the lesson's teacher. */
export function isStaffOf(actor: Actor, lesson: { teacherId: UserId }): boolean {
  return isAdmin(actor) || (hasRole(actor, 'teacher') && lesson.teacherId === actor.userId);
}

export function requireStaffOf(actor: Actor, lesson: { teacherId: UserId }): void {
  if (!isStaffOf(actor, lesson)) throw forbidden('Only an admin or the teacher can do this.');
}

/** Books for a teacher: admins for anyone, teachers for themselves. */
export function requireCanBookFor(actor: Actor, teacherId: UserId): void {
  if (!isAdmin(actor) && !(hasRole(actor, 'teacher') && actor.userId === teacherId)) {
    throw forbidden('Teachers book their own lessons; an admin can book any.');
  }
}
