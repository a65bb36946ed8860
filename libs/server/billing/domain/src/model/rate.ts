import { DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import { positiveAmount } from './amounts.js';
import type { LessonTypeId, RateId } from './ids.js';

/** How a lesson type is taught, as scheduling names it: a group lesson's rate is each student's price. */
export type LessonFormat = 'individual' | 'group';

export interface RateState {
  id: RateId;
  lessonTypeId: LessonTypeId;
  /** Only this teacher's lessons of the type; null: any teacher's. */
  teacherId: UserId | null;
  /** Only lessons of this length; null: any length. */
  durationMinutes: number | null;
  /** Per lesson, or per student for a group lesson type. */
  price: Money;
  format: LessonFormat;
}

/** What a rate is asked of: a lesson's type, teacher and length. */
export interface PricedLesson {
  lessonTypeId: LessonTypeId;
  teacherId: UserId;
  durationMinutes: number;
}

/** A price for a lesson type, optionally only for one teacher or one length of lesson. */
export class Rate {
  private constructor(private readonly state: RateState) {}

  static create(input: { id: RateId; lessonTypeId: LessonTypeId; teacherId: UserId | null; durationMinutes: number | null; price: { minor: number; currency: string }; format: LessonFormat }, schoolCurrency: string): Rate {
    const duration = input.durationMinutes;
    if (duration !== null && (!Number.isInteger(duration) || duration < 5 || duration > 480)) {
      throw DomainError.invalid('BILLING.INVALID_DURATION', 'durationMinutes', 'A rate’s length of lesson is a whole number of minutes from 5 to 480.');
    }
    return new Rate({ ...input, durationMinutes: duration, price: positiveAmount('price', input.price, schoolCurrency) });
  }

  static restore(state: RateState): Rate {
    return new Rate({ ...state });
  }

  snapshot(): RateState {
    return { ...this.state };
  }

  get id(): RateId {
    return this.state.id;
  }
  get lessonTypeId(): LessonTypeId {
    return this.state.lessonTypeId;
  }
  get price(): Money {
    return this.state.price;
  }
  get perStudent(): boolean {
    return this.state.format === 'group';
  }

  /** Whether this rate may price the lesson, and how specifically: -1 not at all, 0 the type's rate, up to 3 for its teacher and length. */
  specificityFor(lesson: PricedLesson): number {
    const s = this.state;
    if (s.lessonTypeId !== lesson.lessonTypeId) return -1;
    if (s.teacherId !== null && s.teacherId !== lesson.teacherId) return -1;
    if (s.durationMinutes !== null && s.durationMinutes !== lesson.durationMinutes) return -1;
    return (s.teacherId !== null ? 2 : 0) + (s.durationMinutes !== null ? 1 : 0);
  }

  /** Whether another rate would price exactly the same lessons (one of the two must go). */
  sameScope(other: Rate): boolean {
    const a = this.state;
    const b = other.state;
    return a.lessonTypeId === b.lessonTypeId && a.teacherId === b.teacherId && a.durationMinutes === b.durationMinutes;
  }
}

/** The most specific rate for the lesson (its teacher's and length's before its teacher's, before its length's, before the type's), or null. */
export function rateFor(rates: readonly Rate[], lesson: PricedLesson): Rate | null {
  let best: Rate | null = null;
  let bestScore = -1;
  for (const rate of rates) {
    const score = rate.specificityFor(lesson);
    if (score > bestScore) [best, bestScore] = [rate, score];
  }
  return best;
}

/** What each of a lesson's students is charged under the rate: the price each for a group, else the price shared between them (to the minor unit). */
export function chargesPerStudent(rate: Rate, students: number): Money[] {
  if (students <= 0) return [];
  return rate.perStudent ? Array.from({ length: students }, () => rate.price) : rate.price.allocate(Array.from({ length: students }, () => 1));
}
