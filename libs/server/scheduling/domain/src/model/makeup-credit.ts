import { DAY, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, MakeupCreditId } from './ids.js';
import { cleanText } from './validation.js';

/** `void`: withdrawn by an admin, with a reason; it can no longer be booked or extended. */
export type MakeupCreditStatus = 'available' | 'used' | 'expired' | 'void';

export interface MakeupCreditState {
  id: MakeupCreditId;
  schoolId: SchoolId;
  studentId: UserId;
  originLessonId: LessonId;
  grantedAt: Date;
  expiresAt: Date;
  status: MakeupCreditStatus;
  usedOnLessonId: LessonId | null;
  /** Why an admin voided it; null unless void. */
  voidReason: string | null;
}

/** The right to one makeup lesson, granted when a lesson is cancelled in good time or by the school. */
export class MakeupCredit {
  private constructor(private state: MakeupCreditState) {}

  static restore(state: MakeupCreditState): MakeupCredit {
    return new MakeupCredit({ ...state });
  }

  static grant(input: { schoolId: SchoolId; studentId: UserId; originLessonId: LessonId; validDays: number }, now: Date): MakeupCredit {
    return new MakeupCredit({
      id: newId<MakeupCreditId>(),
      schoolId: input.schoolId,
      studentId: input.studentId,
      originLessonId: input.originLessonId,
      grantedAt: now,
      expiresAt: new Date(now.getTime() + input.validDays * DAY),
      status: 'available',
      usedOnLessonId: null,
      voidReason: null,
    });
  }

  get id(): MakeupCreditId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get studentId(): UserId {
    return this.state.studentId;
  }
  get originLessonId(): LessonId {
    return this.state.originLessonId;
  }
  get grantedAt(): Date {
    return this.state.grantedAt;
  }
  get expiresAt(): Date {
    return this.state.expiresAt;
  }
  get status(): MakeupCreditStatus {
    return this.state.status;
  }
  get usedOnLessonId(): LessonId | null {
    return this.state.usedOnLessonId;
  }

  get voidReason(): string | null {
    return this.state.voidReason;
  }

  isAvailable(now: Date): boolean {
    return this.state.status === 'available' && now.getTime() < this.state.expiresAt.getTime();
  }

  use(lessonId: LessonId, now: Date): void {
    if (this.state.status === 'used') throw new DomainError('SCHEDULING.CREDIT_USED', 'conflict', 'This makeup credit has already been used.');
    if (!this.isAvailable(now)) throw new DomainError('SCHEDULING.CREDIT_EXPIRED', 'gone', 'This makeup credit has expired.');
    this.state.status = 'used';
    this.state.usedOnLessonId = lessonId;
  }

  /**
   * Moves the expiry to `until`, which must be in the future: an expired credit is available again. A used or void
   * credit is final.
   */
  extend(until: Date, now: Date): void {
    this.assertNotFinal();
    if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime()) throw DomainError.invalid('SCHEDULING.INVALID_EXPIRY', 'expiresAt', 'The new expiry must be in the future.');
    this.state.expiresAt = until;
    this.state.status = 'available';
  }

  /** Withdraws an unused credit, saying why. */
  void(reason: string): void {
    this.assertNotFinal();
    this.state.voidReason = cleanText(reason, 'reason', 500);
    this.state.status = 'void';
  }

  private assertNotFinal(): void {
    if (this.state.status === 'used') throw new DomainError('SCHEDULING.CREDIT_USED', 'conflict', 'This makeup credit has been used: it cannot change.');
    if (this.state.status === 'void') throw new DomainError('SCHEDULING.CREDIT_VOID', 'conflict', 'This makeup credit was voided: it cannot change.');
  }

  /** True when it expired now. */
  expire(now: Date): boolean {
    if (this.state.status !== 'available' || now.getTime() < this.state.expiresAt.getTime()) return false;
    this.state.status = 'expired';
    return true;
  }

  snapshot(): MakeupCreditState {
    return { ...this.state };
  }
}
