import type { Actor, UserId } from '@cadenza/shared/kernel';

/** A lesson someone takes part in that has not started yet, as identity needs it before archiving them. */
export interface UpcomingLesson {
  id: string;
  start: Date;
  end: Date;
  /** The person's part in it. */
  role: 'teacher' | 'accompanist' | 'student';
  /** How many other students take it too (a group lesson goes on for them unless it is cancelled). */
  otherStudents: number;
}

/**
 * The lessons of a person, which scheduling owns: what is still to come for them, and cancelling some of it when
 * they leave. Implemented where the app wires the contexts (bridges), never by importing scheduling here.
 */
export abstract class PersonLessons {
  /** Their scheduled lessons starting at or after `from`, by start. */
  abstract upcoming(personId: UserId, from: Date): Promise<UpcomingLesson[]>;
  /** Cancels these lessons as the school (the students get their makeup credits by the school's policy), in the caller's unit of work. */
  abstract cancel(actor: Actor, lessonIds: readonly string[], reason: string): Promise<void>;
}
