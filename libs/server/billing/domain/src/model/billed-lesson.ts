import type { UserId } from '@cadenza/shared/kernel';
import type { ChargeBasis } from './billing-settings.js';
import type { LessonId, LessonTypeId } from './ids.js';

/** Where a lesson stands for billing: still to happen, cancelled, or delivered (its register complete, from attendance). */
export type BilledLessonStatus = 'scheduled' | 'cancelled' | 'delivered';

/**
 * A lesson as billing knows it: its own copy, kept from scheduling's events (`lesson.scheduled.v1`, `lesson.moved.v1`,
 * `lesson.cancelled.v1`) and attendance's (`attendance.lesson_delivered.v1`, `attendance.lesson_delivery_withdrawn.v1`),
 * never read from their tables.
 */
export interface BilledLesson {
  id: LessonId;
  teacherId: UserId;
  studentIds: UserId[];
  start: Date;
  end: Date;
  status: BilledLessonStatus;
  /** Cancelled by the family inside the school's notice period: charged as if it took place. */
  lateCancellation: boolean;
  deliveredAt: Date | null;
  /** Scheduling's lesson type, which prices the lesson: not in the events, read through billing's directory as the lesson is recorded (null: none). */
  lessonTypeId: LessonTypeId | null;
}

/** What happened to a lesson, as billing reads it from the events it consumes. */
export type LessonFact =
  | { kind: 'scheduled' | 'moved'; lessonId: LessonId; teacherId: UserId; studentIds: UserId[]; start: Date; end: Date }
  | { kind: 'cancelled'; lessonId: LessonId; teacherId: UserId; studentIds: UserId[]; start: Date; end: Date; late: boolean }
  | { kind: 'delivered'; lessonId: LessonId; teacherId: UserId; studentIds: UserId[]; start: Date; end: Date; deliveredAt: Date }
  | { kind: 'withdrawn'; lessonId: LessonId };

/**
 * The lesson after the fact, however often a fact comes: a cancellation is final (a later move or delivery of the
 * same lesson does not revive it; a withdrawal is a cancellation no family caused), a delivery stays delivered, and
 * times and people follow scheduling until the lesson is cancelled or delivered (whose events carry its last times and
 * people), so a cancellation or delivery read before the lesson's older events is not undone by them. A withdrawal
 * of a lesson billing never knew leaves nothing (null).
 */
export function applyLessonFact(current: BilledLesson | null, fact: LessonFact): BilledLesson | null {
  if (fact.kind === 'withdrawn') {
    if (!current || current.status === 'cancelled') return current;
    return { ...current, status: 'cancelled', lateCancellation: false };
  }
  const facts = { id: fact.lessonId, teacherId: fact.teacherId, studentIds: [...fact.studentIds], start: fact.start, end: fact.end };
  const base: BilledLesson = current ?? { ...facts, status: 'scheduled', lateCancellation: false, deliveredAt: null, lessonTypeId: null };
  switch (fact.kind) {
    case 'scheduled':
    case 'moved':
      // A cancellation or a delivery carries the lesson's last times and people; an older schedule does not undo them.
      return base.status === 'scheduled' ? { ...base, ...facts } : base;
    case 'cancelled':
      return base.status === 'cancelled' ? base : { ...base, ...facts, status: 'cancelled', lateCancellation: fact.late };
    case 'delivered':
      return base.status === 'cancelled' ? base : { ...base, status: 'delivered', deliveredAt: base.deliveredAt ?? fact.deliveredAt };
  }
}

/**
 * Whether the school charges the lesson under its setting: in advance, every lesson not cancelled; on delivery, the
 * delivered ones; either way, a lesson the family cancelled late. A lesson not charged that an earlier invoice charged
 * is credited on the next (a teacher's or the school's cancellation, a withdrawn delivery).
 */
export function isCharged(lesson: BilledLesson, basis: ChargeBasis): boolean {
  if (lesson.status === 'cancelled') return lesson.lateCancellation;
  return basis === 'in_advance' || lesson.status === 'delivered';
}

/** The lesson's length in whole minutes, which a rate for one length matches. */
export function lessonMinutes(lesson: BilledLesson): number {
  return Math.round((lesson.end.getTime() - lesson.start.getTime()) / 60_000);
}
