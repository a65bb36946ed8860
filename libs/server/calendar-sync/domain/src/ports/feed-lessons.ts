import type { UserId } from '@cadenza/shared/kernel';
import type { FeedLesson } from '../model/feed-lesson.js';
import type { LessonId } from '../model/ids.js';

/** Calendar sync's own copy of the school's lessons (see `FeedLesson`). */
export abstract class FeedLessons {
  abstract get(id: LessonId): Promise<FeedLesson | null>;
  /** Adds or replaces the lesson. */
  abstract record(lesson: FeedLesson): Promise<void>;
  /** Lessons any of the people teaches, accompanies or takes, starting at `from` or later, cancelled ones included, by start. */
  abstract involving(people: readonly UserId[], from: Date): Promise<FeedLesson[]>;
}
