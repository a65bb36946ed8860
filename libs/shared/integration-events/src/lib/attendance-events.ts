import type { Id, UserId } from '@cadenza/shared/kernel';

/** How a lesson's register stands, as attendance's events describe it. */
export interface RegisterCountsV1 {
  /** Students in the lesson. */
  students: number;
  present: number;
  late: number;
  absentWithNotice: number;
  absentWithoutNotice: number;
  excused: number;
}

/**
 * Someone marked or corrected a lesson's register, or started or ended the lesson: for the lesson's people and the
 * admins' counters. Ids and counts only.
 */
export interface RegisterChangedV1 {
  actorId: UserId;
  lessonId: Id<'Lesson'>;
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: UserId[];
  counts: RegisterCountsV1;
  /** ISO instants, or null while the lesson has not been started or ended. */
  startedAt: string | null;
  endedAt: string | null;
}

/**
 * A lesson was delivered: its register became complete (every student marked) and the lesson was not cancelled. Sent
 * once per lesson, when the last student is first marked; billing charges and pays teachers for these.
 */
export interface LessonDeliveredV1 {
  actorId: UserId;
  lessonId: Id<'Lesson'>;
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: UserId[];
  /** The scheduled times, ISO instants in UTC. */
  start: string;
  end: string;
  /** When the lesson was started, if it was (ISO). */
  startedAt: string | null;
  deliveredAt: string;
  counts: RegisterCountsV1;
}

/**
 * A lesson attendance had published as delivered was cancelled afterwards, so it is no longer delivered: billing takes
 * back what it charged or paid for it. Sent once, when attendance records the cancellation.
 */
export interface LessonDeliveryWithdrawnV1 {
  /** Who cancelled it, as scheduling's event says (null: the system). */
  actorId: UserId | null;
  lessonId: Id<'Lesson'>;
  teacherId: UserId;
  accompanistId: UserId | null;
  withdrawnAt: string;
}

/**
 * The school's daily missing-register reminder, one per teacher: lessons of theirs that ended in the day before the
 * school's reminder time without a complete register. Sent once per teacher and school day.
 */
export interface RegistersMissingV1 {
  teacherId: UserId;
  /** The school day of the reminder (`YYYY-MM-DD` in the school's zone) and that zone. */
  day: string;
  timeZone: string;
  lessons: { lessonId: Id<'Lesson'>; start: string; end: string }[];
}

/**
 * A student missed consecutive lessons without notice: sent once per streak (keyed by its first lesson), when it
 * reaches two. The admins are told, and the student's guardians when the school turned that on (`notifyGuardians`).
 */
export interface AbsenceStreakV1 {
  studentId: UserId;
  /** The streak's lessons, oldest first (at least two). */
  lessonIds: Id<'Lesson'>[];
  notifyGuardians: boolean;
}

/** Attendance's events, by versioned type. */
export interface AttendanceEventPayloads {
  'attendance.register_changed.v1': RegisterChangedV1;
  'attendance.lesson_delivered.v1': LessonDeliveredV1;
  'attendance.lesson_delivery_withdrawn.v1': LessonDeliveryWithdrawnV1;
  'attendance.registers_missing.v1': RegistersMissingV1;
  'attendance.absence_streak.v1': AbsenceStreakV1;
}
