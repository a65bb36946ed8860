import { HOUR, type SchoolId } from '@cadenza/shared/kernel';
import { wholeNumber } from './validation.js';

export interface SchedulingPolicyState {
  schoolId: SchoolId;
  cancellationNoticeHours: number;
  makeupCreditDays: number;
}

export const DEFAULT_CANCELLATION_NOTICE_HOURS = 24;
export const DEFAULT_MAKEUP_CREDIT_DAYS = 30;

/** Who cancelled: the school (an admin, the teacher, the accompanist) or the family. */
export type CancelledBy = 'school' | 'family';

/** A school's rules for cancellations and makeup credits. */
export class SchedulingPolicy {
  private constructor(private state: SchedulingPolicyState) {}

  static restore(state: SchedulingPolicyState): SchedulingPolicy {
    return new SchedulingPolicy({ ...state });
  }

  static defaults(schoolId: SchoolId): SchedulingPolicy {
    return new SchedulingPolicy({ schoolId, cancellationNoticeHours: DEFAULT_CANCELLATION_NOTICE_HOURS, makeupCreditDays: DEFAULT_MAKEUP_CREDIT_DAYS });
  }

  get cancellationNoticeHours(): number {
    return this.state.cancellationNoticeHours;
  }
  get makeupCreditDays(): number {
    return this.state.makeupCreditDays;
  }

  update(changes: { cancellationNoticeHours?: number; makeupCreditDays?: number }): void {
    if (changes.cancellationNoticeHours !== undefined) {
      this.state.cancellationNoticeHours = wholeNumber(changes.cancellationNoticeHours, 'cancellationNoticeHours', 0, 24 * 14);
    }
    if (changes.makeupCreditDays !== undefined) this.state.makeupCreditDays = wholeNumber(changes.makeupCreditDays, 'makeupCreditDays', 1, 365);
  }

  /**
   * What a cancellation leads to. The school cancelling always grants a credit; the family
   * does when it gives at least the notice period, and a late family cancellation does not.
   */
  cancellationOutcome(by: CancelledBy, lessonStart: Date, noticeGivenAt: Date): { lateCancellation: boolean; creditWillBeGranted: boolean; noticeHours: number } {
    const late = by === 'family' && lessonStart.getTime() - noticeGivenAt.getTime() < this.state.cancellationNoticeHours * HOUR;
    return { lateCancellation: late, creditWillBeGranted: !late, noticeHours: this.state.cancellationNoticeHours };
  }

  snapshot(): SchedulingPolicyState {
    return { ...this.state };
  }
}
