import type { UserId } from '@cadenza/shared/kernel';
import type { LessonId, RoomId } from './ids.js';

/**
 * A lesson as calendar sync knows it: its own copy, kept from scheduling's integration events (`lesson.scheduled.v1`,
 * `lesson.moved.v1`, `lesson.cancelled.v1`), never read from scheduling's tables. `changedAt` is when the latest event
 * applied to it happened: a feed's `LAST-MODIFIED` and the order events are applied in.
 */
export interface FeedLesson {
  id: LessonId;
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: UserId[];
  roomId: RoomId | null;
  start: Date;
  end: Date;
  cancelled: boolean;
  changedAt: Date;
}

/** What an event says the lesson now is, and when it happened. */
export interface LessonChange {
  lesson: Omit<FeedLesson, 'changedAt'>;
  at: Date;
}

/**
 * The lesson after a change, however often and in whatever order changes come: a cancellation is final (a move read
 * after it does not revive the lesson), and a schedule or move older than the one already applied changes nothing.
 */
export function applyLessonChange(current: FeedLesson | null, change: LessonChange): FeedLesson {
  const next: FeedLesson = { ...change.lesson, studentIds: [...change.lesson.studentIds], changedAt: change.at };
  if (!current) return next;
  if (current.cancelled) return current;
  if (!next.cancelled && current.changedAt.getTime() > change.at.getTime()) return current;
  return next;
}

/** How a person takes part in a lesson, as their feed words it: the first that applies. */
export type Involvement = 'teaching' | 'accompanying' | 'learning' | 'child';

export function involvementIn(lesson: FeedLesson, personId: UserId, children: ReadonlySet<UserId>): Involvement | null {
  if (lesson.teacherId === personId) return 'teaching';
  if (lesson.accompanistId === personId) return 'accompanying';
  if (lesson.studentIds.includes(personId)) return 'learning';
  if (lesson.studentIds.some((id) => children.has(id))) return 'child';
  return null;
}
