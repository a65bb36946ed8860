import type { UserId, Actor } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { SchoolDirectory } from '../ports/index.js';

/** The people of a lesson, which decide who may read it: a `Lesson` fits, and so does a `lesson.*` event's lesson. */
export interface LessonPeople {
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: readonly UserId[];
}

/**
 * Who may read a lesson, its audience: the school's admins, the lesson's teacher, its accompanist, its students,
 * and the guardians with access (`view` or `full`) to any of its students. The one rule behind both the REST
 * reads (may this actor read the lesson?) and the socket's pushes (who hears that it changed?).
 */
export class LessonAudience {
  constructor(private readonly directory: SchoolDirectory) {}

  /** Whether the actor is in the lesson's audience. */
  async includes(actor: Actor, lesson: LessonPeople): Promise<boolean> {
    if (isAdmin(actor) || attendeesOf(lesson).includes(actor.userId)) return true;
    // Only a parent is anyone's guardian (identity's families take guardians with that role), so no one else is looked up.
    if (!hasRole(actor, 'parent')) return false;
    for (const studentId of lesson.studentIds) if (await this.directory.guardianAccess(actor.userId, studentId)) return true;
    return false;
  }

  /**
   * Each lesson's audience, but for the school's admins, who are in every one (the socket reaches them through
   * their school's room): its attendees and their guardians, the guardians of every lesson read at once.
   */
  async peopleOf(lessons: readonly LessonPeople[]): Promise<UserId[][]> {
    const students = [...new Set(lessons.flatMap((lesson) => lesson.studentIds))];
    const guardians = students.length > 0 ? await this.directory.guardiansOf(students) : new Map<UserId, UserId[]>();
    return lessons.map((lesson) => {
      const people = new Set(attendeesOf(lesson));
      for (const studentId of lesson.studentIds) for (const guardian of guardians.get(studentId) ?? []) people.add(guardian);
      return [...people];
    });
  }
}

/** Who attends the lesson: its teacher, its accompanist if any, its students. */
function attendeesOf(lesson: LessonPeople): UserId[] {
  return [lesson.teacherId, ...(lesson.accompanistId ? [lesson.accompanistId] : []), ...lesson.studentIds];
}
