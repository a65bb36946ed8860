import { Temporal } from 'temporal-polyfill';
import { DomainError, type Id, type UserId } from '@cadenza/shared/kernel';

export type AssignmentId = Id<'Assignment'>;
export type PracticeLogId = Id<'PracticeLog'>;
export type ProgressLevelId = Id<'ProgressLevel'>;

/** A calendar date in the school's zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** The most practice a student logs in one day, all logs together (24 hours). */
export const MAX_PRACTICE_MINUTES_A_DAY = 1440;

/** A teacher's assignment for one student: what to work on by when; done when the teacher says so. */
export interface Assignment {
  id: AssignmentId;
  studentId: UserId;
  setBy: UserId;
  title: string;
  description: string | null;
  dueOn: LocalDate;
  pieces: string[];
  links: string[];
  setAt: Date;
  doneAt: Date | null;
  doneBy: UserId | null;
}

export interface PracticeComment {
  id: string;
  logId: PracticeLogId;
  authorId: UserId;
  body: string;
  at: Date;
}

/** Practice a student did on a day, against one of their assignments or freely, with the teachers' comments. */
export interface PracticeLog {
  id: PracticeLogId;
  studentId: UserId;
  assignmentId: AssignmentId | null;
  practisedOn: LocalDate;
  minutes: number;
  note: string | null;
  loggedBy: UserId;
  loggedAt: Date;
  comments: PracticeComment[];
}

export interface ProgressLevel {
  id: ProgressLevelId;
  name: string;
}

/** The school's scale of levels, lowest first (ABRSM grades 1–8, or the school's own). */
export interface ProgressScale {
  name: string;
  levels: ProgressLevel[];
}

/** A level a student reached on a date, with the piece that showed it. */
export interface Achievement {
  id: string;
  studentId: UserId;
  levelId: ProgressLevelId;
  achievedOn: LocalDate;
  piece: string | null;
  note: string | null;
  recordedBy: UserId;
  recordedAt: Date;
}

/** What a teacher aims a student at: a level (or something said in words) by a date. */
export interface ProgressTarget {
  id: string;
  studentId: UserId;
  levelId: ProgressLevelId | null;
  description: string;
  dueOn: LocalDate;
  recordedBy: UserId;
  recordedAt: Date;
}

/** A student's registers, counted by status (lessons not cancelled). */
export interface AttendanceSummary {
  present: number;
  late: number;
  absentWithNotice: number;
  absentWithoutNotice: number;
  excused: number;
}

/** The calendar date of an instant in a zone. */
export function dateIn(instant: Date, timeZone: string): LocalDate {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The Monday of the date's week. */
export function weekOf(date: LocalDate): LocalDate {
  const day = Temporal.PlainDate.from(date);
  return day.subtract({ days: day.dayOfWeek - 1 }).toString();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export const invalid = (field: string, message: string, code = 'PRACTICE.INVALID') => DomainError.invalid(code, field, message);
