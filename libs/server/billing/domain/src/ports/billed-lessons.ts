import type { UserId } from '@cadenza/shared/kernel';
import type { BilledLesson } from '../model/billed-lesson.js';
import type { LessonId } from '../model/ids.js';

/** Billing's own copy of the school's lessons (see `BilledLesson`). */
export abstract class BilledLessons {
  abstract get(id: LessonId): Promise<BilledLesson | null>;
  /** Adds or replaces the lesson. */
  abstract record(lesson: BilledLesson): Promise<void>;
  /** Lessons starting in [from, to), cancelled ones included, by start. */
  abstract startingBetween(from: Date, to: Date): Promise<BilledLesson[]>;
  /** The lessons of any of the students starting in [from, to), cancelled ones included, by start. */
  abstract forStudents(studentIds: readonly UserId[], from: Date, to: Date): Promise<BilledLesson[]>;
  abstract byIds(ids: readonly LessonId[]): Promise<BilledLesson[]>;
}
