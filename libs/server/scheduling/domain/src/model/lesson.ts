import { copyData, DomainError, Interval, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, LessonTypeId, MakeupCreditId, RoomId, SeriesId } from './ids.js';
import { assertLessonSpan, cleanText, wholeNumber } from './validation.js';

export const LESSON_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

export interface LessonCancellation {
  by: UserId;
  reason: string;
  at: Date;
  /** Cancelled by a student or parent with less notice than the policy asks. */
  late: boolean;
  creditGranted: boolean;
}

export interface LessonState {
  id: LessonId;
  schoolId: SchoolId;
  teacherId: UserId;
  studentIds: UserId[];
  roomId: RoomId | null;
  accompanistId: UserId | null;
  lessonTypeId: LessonTypeId | null;
  seriesId: SeriesId | null;
  start: Date;
  end: Date;
  status: LessonStatus;
  cancellation: LessonCancellation | null;
  /** The makeup credit spent on this lesson, if any. */
  makeupCreditId: MakeupCreditId | null;
}

export interface LessonInput {
  schoolId: SchoolId;
  teacherId: UserId;
  studentIds: readonly UserId[];
  roomId?: RoomId | null;
  accompanistId?: UserId | null;
  lessonTypeId?: LessonTypeId | null;
  seriesId?: SeriesId | null;
  start: Date;
  end: Date;
  makeupCreditId?: MakeupCreditId | null;
}

/** What an edit may change: absent stays, null (where allowed) removes. */
export interface LessonChanges {
  teacherId?: UserId;
  studentIds?: readonly UserId[];
  accompanistId?: UserId | null;
  roomId?: RoomId | null;
  lessonTypeId?: LessonTypeId | null;
  durationMinutes?: number;
}

export function assertParticipants(input: { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null }): void {
  if (input.studentIds.length === 0 || input.studentIds.length > 40) {
    throw DomainError.invalid('SCHEDULING.INVALID_STUDENTS', 'studentIds', 'Add 1 to 40 students.');
  }
  if (new Set(input.studentIds).size !== input.studentIds.length) {
    throw DomainError.invalid('SCHEDULING.INVALID_STUDENTS', 'studentIds', 'A student is listed twice.');
  }
  if (input.studentIds.includes(input.teacherId)) {
    throw DomainError.invalid('SCHEDULING.INVALID_STUDENTS', 'studentIds', 'The teacher cannot be a student of the same lesson.');
  }
  if (input.accompanistId && (input.accompanistId === input.teacherId || input.studentIds.includes(input.accompanistId))) {
    throw DomainError.invalid('SCHEDULING.INVALID_ACCOMPANIST', 'accompanistId', 'The accompanist must be someone else.');
  }
}

/** One lesson: who, where, when, and whether it still happens. */
export class Lesson {
  private constructor(private state: LessonState) {}

  static restore(state: LessonState): Lesson {
    return new Lesson(copyData(state));
  }

  static schedule(input: LessonInput): Lesson {
    assertLessonSpan(input.start, input.end);
    assertParticipants(input);
    return new Lesson({
      id: newId<LessonId>(),
      schoolId: input.schoolId,
      teacherId: input.teacherId,
      studentIds: [...input.studentIds],
      roomId: input.roomId ?? null,
      accompanistId: input.accompanistId ?? null,
      lessonTypeId: input.lessonTypeId ?? null,
      seriesId: input.seriesId ?? null,
      start: new Date(input.start.getTime()),
      end: new Date(input.end.getTime()),
      status: 'scheduled',
      cancellation: null,
      makeupCreditId: input.makeupCreditId ?? null,
    });
  }

  get id(): LessonId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get teacherId(): UserId {
    return this.state.teacherId;
  }
  get studentIds(): readonly UserId[] {
    return this.state.studentIds;
  }
  get roomId(): RoomId | null {
    return this.state.roomId;
  }
  get accompanistId(): UserId | null {
    return this.state.accompanistId;
  }
  get lessonTypeId(): LessonTypeId | null {
    return this.state.lessonTypeId;
  }
  get seriesId(): SeriesId | null {
    return this.state.seriesId;
  }
  get start(): Date {
    return new Date(this.state.start.getTime());
  }
  get end(): Date {
    return new Date(this.state.end.getTime());
  }
  get status(): LessonStatus {
    return this.state.status;
  }
  get cancellation(): LessonCancellation | null {
    return this.state.cancellation ? { ...this.state.cancellation } : null;
  }
  get makeupCreditId(): MakeupCreditId | null {
    return this.state.makeupCreditId;
  }
  get interval(): Interval {
    return Interval.of(this.state.start, this.state.end);
  }
  get durationMs(): number {
    return this.state.end.getTime() - this.state.start.getTime();
  }

  /** Everyone in the lesson, in any role. */
  get personIds(): UserId[] {
    return [this.state.teacherId, ...this.state.studentIds, ...(this.state.accompanistId ? [this.state.accompanistId] : [])];
  }

  involves(personId: UserId): boolean {
    return this.personIds.includes(personId);
  }

  private assertScheduled(): void {
    if (this.state.status !== 'scheduled') {
      throw new DomainError('SCHEDULING.LESSON_NOT_SCHEDULED', 'conflict', `This lesson is ${this.state.status}.`);
    }
  }

  moveTo(start: Date, end: Date, roomId?: RoomId | null): void {
    this.assertScheduled();
    assertLessonSpan(start, end);
    this.state.start = new Date(start.getTime());
    this.state.end = new Date(end.getTime());
    if (roomId !== undefined) this.state.roomId = roomId;
  }

  /**
   * Changes who, where, of what type and how long (the start stays: a move changes it). Absent fields stay;
   * the people are checked as at booking.
   */
  edit(changes: LessonChanges): void {
    this.assertScheduled();
    const next: LessonState = {
      ...this.state,
      teacherId: changes.teacherId ?? this.state.teacherId,
      studentIds: changes.studentIds ? [...changes.studentIds] : this.state.studentIds,
      accompanistId: changes.accompanistId === undefined ? this.state.accompanistId : changes.accompanistId,
      roomId: changes.roomId === undefined ? this.state.roomId : changes.roomId,
      lessonTypeId: changes.lessonTypeId === undefined ? this.state.lessonTypeId : changes.lessonTypeId,
      end: changes.durationMinutes === undefined ? this.state.end : new Date(this.state.start.getTime() + wholeNumber(changes.durationMinutes, 'durationMinutes', 5, 480) * 60_000),
    };
    assertParticipants(next);
    assertLessonSpan(next.start, next.end);
    this.state = next;
  }

  /** Moves the lesson to another series (when a series splits). */
  attachToSeries(seriesId: SeriesId | null): void {
    this.state.seriesId = seriesId;
  }

  cancel(input: { by: UserId; reason: string; at: Date; late: boolean; creditGranted: boolean }): void {
    this.assertScheduled();
    this.state.status = 'cancelled';
    this.state.cancellation = { by: input.by, reason: cleanText(input.reason, 'reason', 300), at: input.at, late: input.late, creditGranted: input.creditGranted };
  }

  complete(): void {
    this.assertScheduled();
    this.state.status = 'completed';
  }

  snapshot(): LessonState {
    return copyData(this.state);
  }
}
