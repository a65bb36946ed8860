import { DomainError, type Actor, type UserId } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import type { PracticeDirectory, StudentLessons } from './ports.js';

/** How the caller relates to a student's practice and progress, and what that lets them do. */
export interface StudentViewer {
  relation: 'admin' | 'teacher' | 'self' | 'guardian';
  /** Log practice: the student, and a full-access guardian of a minor. */
  canLog: boolean;
  /** Set assignments, comment, record achievements and targets: the student's teachers and accompanists, and admins. */
  canTeach: boolean;
}

export const studentNotFound = () => DomainError.notFound('PRACTICE.STUDENT_NOT_FOUND', 'The student');

/**
 * Who may see a student's assignments, practice and progress: the student, their guardians (any access), the staff
 * who teach them, admins (students of their school). Anyone else is told the student was not found, so nobody learns who studies here.
 */
export async function studentViewer(actor: Actor, studentId: UserId, lessons: StudentLessons, directory: PracticeDirectory): Promise<StudentViewer> {
  if (isAdmin(actor)) {
    if (!(await directory.isStudent(studentId))) throw studentNotFound();
    return { relation: 'admin', canLog: false, canTeach: true };
  }
  if (actor.userId === studentId && hasRole(actor, 'student')) return { relation: 'self', canLog: true, canTeach: false };
  if (hasRole(actor, 'teacher', 'accompanist') && (await lessons.teaches(actor.userId, studentId))) return { relation: 'teacher', canLog: false, canTeach: true };
  if (hasRole(actor, 'parent')) {
    const link = await directory.guardianAccess(actor.userId, studentId);
    if (link) return { relation: 'guardian', canLog: link.access === 'full' && link.minor, canTeach: false };
  }
  throw studentNotFound();
}

/** The viewer of a record of a student's (an assignment, a log): one they may not see is not found either. */
export async function viewerOfRecord(actor: Actor, studentId: UserId, lessons: StudentLessons, directory: PracticeDirectory, notFound: () => DomainError): Promise<StudentViewer> {
  try {
    return await studentViewer(actor, studentId, lessons, directory);
  } catch (error) {
    throw error instanceof DomainError && error.kind === 'not_found' ? notFound() : error;
  }
}

export function requireTeaching(viewer: StudentViewer): void {
  if (!viewer.canTeach) throw forbidden('Only the student’s teachers and admins do this.', 'PRACTICE.NOT_THEIR_TEACHER');
}

export function requireLogging(viewer: StudentViewer): void {
  if (viewer.canLog) return;
  throw forbidden(
    viewer.relation === 'guardian' ? 'Your access to this student is view only (or they are an adult): they log their own practice.' : 'Only the student and their full-access guardians log practice.',
    'PRACTICE.CANNOT_LOG',
  );
}
