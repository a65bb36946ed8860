import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LocalDate, WallTime } from '../time/zoned-time.js';
import type { LessonId, LessonRequestId, TermId } from './ids.js';
import { assertLessonSpan, cleanText, optionalText } from './validation.js';

export const REQUEST_KINDS = ['new_lesson', 'new_series', 'reschedule', 'cancellation'] as const;
export type LessonRequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['pending', 'approved', 'declined', 'countered', 'withdrawn'] as const;
export type LessonRequestStatus = (typeof REQUEST_STATUSES)[number];

export interface RequestedSeries {
  rrule: string;
  startTime: WallTime;
  durationMinutes: number;
  termId: TermId;
  firstDate: LocalDate;
}

/** What the cancellation policy says will happen, shown before confirming. */
export interface CancellationOutcome {
  lateCancellation: boolean;
  creditWillBeGranted: boolean;
  noticeHours: number;
}

export interface LessonRequestState {
  id: LessonRequestId;
  schoolId: SchoolId;
  kind: LessonRequestKind;
  status: LessonRequestStatus;
  requestedBy: UserId;
  studentId: UserId;
  teacherId: UserId;
  lessonId: LessonId | null;
  proposed: { start: Date; end: Date } | null;
  series: RequestedSeries | null;
  counter: { start: Date; end: Date; by: UserId; message: string | null; at: Date } | null;
  message: string | null;
  decision: { by: UserId; at: Date; reason: string | null } | null;
  createdAt: Date;
  policy: CancellationOutcome | null;
}

export type LessonRequestInput =
  | { kind: 'new_lesson'; start: Date; end: Date }
  | { kind: 'new_series'; series: RequestedSeries }
  | { kind: 'reschedule'; lessonId: LessonId; start: Date; end: Date }
  | { kind: 'cancellation'; lessonId: LessonId; policy: CancellationOutcome };

/** The statuses of a request still waiting for someone: the school's answer, or the family's to another time. */
export const OPEN_REQUEST_STATUSES: readonly LessonRequestStatus[] = ['pending', 'countered'];

/**
 * A second open request about a lesson of the same kind for the same student. `requestId` names the open one when it is known (the
 * use case finds it after a lost race), and the problem links to it.
 */
export function requestExists(requestId: LessonRequestId | null): DomainError {
  return new DomainError(
    'SCHEDULING.REQUEST_EXISTS',
    'conflict',
    'A request of this kind about this lesson is already open: answer or withdraw it first.',
    requestId ? { requestId, href: `/api/v1/lesson-requests/${requestId}` } : {},
  );
}

function closed(status: LessonRequestStatus): DomainError {
  return new DomainError('SCHEDULING.REQUEST_CLOSED', 'conflict', `This request is ${status}.`);
}

/** A student's or parent's request to the school, decided by the teacher or an admin. */
export class LessonRequest {
  private constructor(private state: LessonRequestState) {}

  static restore(state: LessonRequestState): LessonRequest {
    return new LessonRequest(copyData(state));
  }

  static submit(
    input: LessonRequestInput & { schoolId: SchoolId; requestedBy: UserId; studentId: UserId; teacherId: UserId; message?: string | null },
    now: Date,
  ): LessonRequest {
    if ('start' in input) assertLessonSpan(input.start, input.end);
    return new LessonRequest({
      id: newId<LessonRequestId>(),
      schoolId: input.schoolId,
      kind: input.kind,
      status: 'pending',
      requestedBy: input.requestedBy,
      studentId: input.studentId,
      teacherId: input.teacherId,
      lessonId: 'lessonId' in input ? input.lessonId : null,
      proposed: 'start' in input ? { start: input.start, end: input.end } : null,
      series: input.kind === 'new_series' ? { ...input.series } : null,
      counter: null,
      message: optionalText(input.message, 'message', 500),
      decision: null,
      createdAt: now,
      policy: input.kind === 'cancellation' ? { ...input.policy } : null,
    });
  }

  get id(): LessonRequestId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get kind(): LessonRequestKind {
    return this.state.kind;
  }
  get status(): LessonRequestStatus {
    return this.state.status;
  }
  get requestedBy(): UserId {
    return this.state.requestedBy;
  }
  get studentId(): UserId {
    return this.state.studentId;
  }
  get teacherId(): UserId {
    return this.state.teacherId;
  }
  get lessonId(): LessonId | null {
    return this.state.lessonId;
  }
  get proposed(): { start: Date; end: Date } | null {
    return this.state.proposed ? { ...this.state.proposed } : null;
  }
  get series(): RequestedSeries | null {
    return this.state.series ? { ...this.state.series } : null;
  }
  get counter(): LessonRequestState['counter'] {
    return this.state.counter ? { ...this.state.counter } : null;
  }
  get message(): string | null {
    return this.state.message;
  }
  get decision(): LessonRequestState['decision'] {
    return this.state.decision ? { ...this.state.decision } : null;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
  get policy(): CancellationOutcome | null {
    return this.state.policy ? { ...this.state.policy } : null;
  }

  /** The slot that approval would book: the counter proposal once accepted, else the proposal. */
  get effectiveSlot(): { start: Date; end: Date } | null {
    return this.state.counter ? { start: this.state.counter.start, end: this.state.counter.end } : this.proposed;
  }

  approve(by: UserId, at: Date): void {
    if (this.state.status !== 'pending') throw closed(this.state.status);
    if (by === this.state.requestedBy) {
      throw new DomainError('SCHEDULING.OWN_REQUEST', 'forbidden', 'You cannot approve your own request.');
    }
    this.state.status = 'approved';
    this.state.decision = { by, at, reason: null };
  }

  decline(by: UserId, at: Date, reason: string): void {
    if (this.state.status !== 'pending' && this.state.status !== 'countered') throw closed(this.state.status);
    if (by === this.state.requestedBy) {
      throw new DomainError('SCHEDULING.OWN_REQUEST', 'forbidden', 'Withdraw your own request instead of declining it.');
    }
    this.state.status = 'declined';
    this.state.decision = { by, at, reason: cleanText(reason, 'reason', 500) };
  }

  counterPropose(by: UserId, at: Date, slot: { start: Date; end: Date; message?: string | null }): void {
    if (this.state.status !== 'pending') throw closed(this.state.status);
    if (this.state.kind === 'cancellation' || this.state.kind === 'new_series') {
      throw new DomainError('SCHEDULING.CANNOT_COUNTER', 'invalid', 'Only requests for a lesson time can be answered with another time.');
    }
    if (by === this.state.requestedBy) {
      throw new DomainError('SCHEDULING.OWN_REQUEST', 'forbidden', 'You cannot counter your own request.');
    }
    assertLessonSpan(slot.start, slot.end);
    this.state.status = 'countered';
    this.state.counter = { start: slot.start, end: slot.end, by, message: optionalText(slot.message, 'message', 500), at };
  }

  /** The requester's side takes the counter proposal; whoever proposed it cannot. */
  acceptCounter(by: UserId, at: Date): void {
    if (this.state.status !== 'countered' || !this.state.counter) throw closed(this.state.status);
    if (by === this.state.counter.by) {
      throw new DomainError('SCHEDULING.OWN_COUNTER', 'forbidden', 'You cannot accept your own counter proposal.');
    }
    this.state.status = 'approved';
    this.state.decision = { by, at, reason: null };
  }

  withdraw(by: UserId, at: Date): void {
    if (this.state.status !== 'pending' && this.state.status !== 'countered') throw closed(this.state.status);
    if (by !== this.state.requestedBy) {
      throw new DomainError('SCHEDULING.FORBIDDEN', 'forbidden', 'Only the person who asked can withdraw a request.');
    }
    this.state.status = 'withdrawn';
    this.state.decision = { by, at, reason: null };
  }

  snapshot(): LessonRequestState {
    return copyData(this.state);
  }
}
