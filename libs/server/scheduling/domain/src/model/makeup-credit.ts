import { DAY, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, MakeupCreditId } from './ids.js';

export type MakeupCreditStatus = 'available' | 'used' | 'expired';

export interface MakeupCreditState {
  id: MakeupCreditId;
  schoolId: SchoolId;
  studentId: UserId;
  originLessonId: LessonId;
  grantedAt: Date;
  expiresAt: Date;
  status: MakeupCreditStatus;
  usedOnLessonId: LessonId | null;
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

  isAvailable(now: Date): boolean {
    return this.state.status === 'available' && now.getTime() < this.state.expiresAt.getTime();
  }

  use(lessonId: LessonId, now: Date): void {
    if (this.state.status === 'used') throw new DomainError('SCHEDULING.CREDIT_USED', 'conflict', 'This makeup credit has already been used.');
    if (!this.isAvailable(now)) throw new DomainError('SCHEDULING.CREDIT_EXPIRED', 'gone', 'This makeup credit has expired.');
    this.state.status = 'used';
    this.state.usedOnLessonId = lessonId;
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
