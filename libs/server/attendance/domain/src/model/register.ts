import { DomainError, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from './attended-lesson.js';
import type { LessonId } from './ids.js';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent_notice', 'absent_no_notice', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** The longest a student can be late and still count as late, in minutes. */
export const MAX_LATE_MINUTES = 240;
const MAX_NOTE = 500;

/** What a mark says about one student. */
export interface MarkState {
  status: AttendanceStatus;
  /** Only for `late`. */
  lateMinutes: number | null;
  note: string | null;
}

/** One student's current mark. */
export interface RegisterEntry extends MarkState {
  studentId: UserId;
  markedBy: UserId;
  markedAt: Date;
}

/** One change of a student's mark, kept for ever: who, when, from what (null: the first mark), to what, and why. */
export interface RegisterChange {
  lessonId: LessonId;
  studentId: UserId;
  from: MarkState | null;
  to: MarkState;
  changedBy: UserId;
  changedAt: Date;
  /** Required of an admin's change after the marking window. */
  reason: string | null;
}

export interface RegisterState {
  lessonId: LessonId;
  startedAt: Date | null;
  startedBy: UserId | null;
  endedAt: Date | null;
  endedBy: UserId | null;
  /** When the register first became complete on a lesson not cancelled; null until then. */
  deliveredAt: Date | null;
  entries: RegisterEntry[];
}

/** How a register stands, by status. */
export interface RegisterCounts {
  students: number;
  marked: number;
  present: number;
  late: number;
  absentWithNotice: number;
  absentWithoutNotice: number;
  excused: number;
}

/** A mark as a use case receives it. */
export interface MarkInput {
  studentId: UserId;
  status: string;
  lateMinutes?: number | null;
  note?: string | null;
}

const isStatus = (value: string): value is AttendanceStatus => (ATTENDANCE_STATUSES as readonly string[]).includes(value);

/** Checks one mark, naming the field (`marks.<i>.…`) of the first problem. */
export function checkedMark(mark: MarkInput, index: number, lesson: AttendedLesson): MarkState & { studentId: UserId } {
  const field = (name: string) => `marks.${index}.${name}`;
  if (!isStatus(mark.status)) throw DomainError.invalid('ATTENDANCE.UNKNOWN_STATUS', field('status'), `Must be one of ${ATTENDANCE_STATUSES.join(', ')}.`);
  if (!lesson.studentIds.includes(mark.studentId)) throw DomainError.invalid('ATTENDANCE.NOT_IN_LESSON', field('studentId'), 'This student is not in the lesson.');
  const minutes = mark.lateMinutes ?? null;
  if (mark.status === 'late') {
    if (minutes === null) throw DomainError.invalid('ATTENDANCE.LATE_MINUTES_REQUIRED', field('lateMinutes'), 'Say how many minutes late.');
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LATE_MINUTES) throw DomainError.invalid('ATTENDANCE.LATE_MINUTES', field('lateMinutes'), `Must be whole minutes from 1 to ${MAX_LATE_MINUTES}.`);
  } else if (minutes !== null) {
    throw DomainError.invalid('ATTENDANCE.LATE_MINUTES', field('lateMinutes'), 'Only a late mark has minutes.');
  }
  const note = mark.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE) throw DomainError.invalid('ATTENDANCE.NOTE_TOO_LONG', field('note'), `At most ${MAX_NOTE} characters.`);
  return { studentId: mark.studentId, status: mark.status, lateMinutes: mark.status === 'late' ? minutes : null, note };
}

const sameMark = (a: MarkState, b: MarkState) => a.status === b.status && a.lateMinutes === b.lateMinutes && a.note === b.note;

/** A lesson's register: one entry per student marked, the lesson's actual start and end, and whether it was delivered. */
export class Register {
  private constructor(private state: RegisterState) {}

  static empty(lessonId: LessonId): Register {
    return new Register({ lessonId, startedAt: null, startedBy: null, endedAt: null, endedBy: null, deliveredAt: null, entries: [] });
  }

  static restore(state: RegisterState): Register {
    return new Register({ ...state, entries: state.entries.map((e) => ({ ...e })) });
  }

  get lessonId(): LessonId {
    return this.state.lessonId;
  }
  get startedAt(): Date | null {
    return this.state.startedAt;
  }
  get endedAt(): Date | null {
    return this.state.endedAt;
  }
  get deliveredAt(): Date | null {
    return this.state.deliveredAt;
  }
  get entries(): readonly RegisterEntry[] {
    return this.state.entries;
  }

  snapshot(): RegisterState {
    return { ...this.state, entries: this.state.entries.map((e) => ({ ...e })) };
  }

  entryOf(studentId: UserId): RegisterEntry | undefined {
    return this.state.entries.find((e) => e.studentId === studentId);
  }

  /**
   * Applies checked marks; returns a change for each student whose mark is new or different (marking the same again
   * changes nothing and keeps no history).
   */
  mark(marks: readonly (MarkState & { studentId: UserId })[], by: UserId, at: Date, reason: string | null): RegisterChange[] {
    const changes: RegisterChange[] = [];
    for (const mark of marks) {
      const current = this.entryOf(mark.studentId);
      const to: MarkState = { status: mark.status, lateMinutes: mark.lateMinutes, note: mark.note };
      if (current && sameMark(current, to)) continue;
      const entry: RegisterEntry = { studentId: mark.studentId, ...to, markedBy: by, markedAt: at };
      this.state.entries = [...this.state.entries.filter((e) => e.studentId !== mark.studentId), entry];
      changes.push({
        lessonId: this.state.lessonId,
        studentId: mark.studentId,
        from: current ? { status: current.status, lateMinutes: current.lateMinutes, note: current.note } : null,
        to,
        changedBy: by,
        changedAt: at,
        reason,
      });
    }
    return changes;
  }

  /** Records the actual start, once; whether it changed. */
  start(by: UserId, at: Date): boolean {
    if (this.state.startedAt) return false;
    this.state.startedAt = at;
    this.state.startedBy = by;
    return true;
  }

  /** Records the end, once, of a started lesson; whether it changed. */
  end(by: UserId, at: Date): boolean {
    if (!this.state.startedAt) throw new DomainError('ATTENDANCE.NOT_STARTED', 'conflict', 'Start the lesson before ending it.');
    if (this.state.endedAt) return false;
    this.state.endedAt = at;
    this.state.endedBy = by;
    return true;
  }

  /** Every student of the lesson has a mark. */
  isComplete(lesson: AttendedLesson): boolean {
    return lesson.studentIds.length > 0 && lesson.studentIds.every((id) => this.entryOf(id));
  }

  /** Delivered: complete, and the lesson not cancelled. */
  isDelivered(lesson: AttendedLesson): boolean {
    return !lesson.cancelled && this.isComplete(lesson);
  }

  /** Marks the register delivered the first time it is; whether this call did. */
  deliverIfDue(lesson: AttendedLesson, at: Date): boolean {
    if (this.state.deliveredAt || !this.isDelivered(lesson)) return false;
    this.state.deliveredAt = at;
    return true;
  }

  counts(lesson: AttendedLesson): RegisterCounts {
    const of = (status: AttendanceStatus) => lesson.studentIds.filter((id) => this.entryOf(id)?.status === status).length;
    return {
      students: lesson.studentIds.length,
      marked: lesson.studentIds.filter((id) => this.entryOf(id)).length,
      present: of('present'),
      late: of('late'),
      absentWithNotice: of('absent_notice'),
      absentWithoutNotice: of('absent_no_notice'),
      excused: of('excused'),
    };
  }
}
