import type { BilledLesson } from '../model/billed-lesson.js';
import type { LessonId } from '../model/ids.js';

/** Billing's own copy of the school's lessons (see `BilledLesson`). */
export abstract class BilledLessons {
  abstract get(id: LessonId): Promise<BilledLesson | null>;
  /** Adds or replaces the lesson. */
  abstract record(lesson: BilledLesson): Promise<void>;
  /** Lessons starting in [from, to), cancelled ones included, by start. */
  abstract startingBetween(from: Date, to: Date): Promise<BilledLesson[]>;
}
