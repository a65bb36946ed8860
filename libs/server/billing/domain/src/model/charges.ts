import { Money, type UserId } from '@cadenza/shared/kernel';
import { percentOf } from './amounts.js';
import { isCharged, lessonMinutes, type BilledLesson } from './billed-lesson.js';
import type { BillingAccount } from './billing-account.js';
import type { BillingSettings } from './billing-settings.js';
import type { BillingAccountId, LessonId, LessonTypeId } from './ids.js';
import { chargesPerStudent, rateFor, type Rate } from './rate.js';

/** One lesson charged to one account: its students' shares, less the sibling and the family's discounts. */
export interface LessonCharge {
  lessonId: LessonId;
  /** The account's students in the lesson, in the account's order. */
  studentIds: UserId[];
  amount: Money;
}

/** A lesson the period should charge but cannot: no lesson type known, no rate for it, or a student in no account. */
export interface ChargeWarning {
  kind: 'no_lesson_type' | 'no_rate' | 'no_account';
  lessonId: LessonId;
  studentId: UserId | null;
}

export interface PeriodCharges {
  byAccount: Map<BillingAccountId, LessonCharge[]>;
  warnings: ChargeWarning[];
}

/**
 * What a period charges each account for its lessons, by the school's setting (`isCharged`) and the most specific rate
 * (`rateFor`). A student's share of a lesson is the rate's (each student's price for a group, the price shared
 * otherwise); the account's second and later students (in its order) have the sibling discount off each share, and
 * then the account's own discount comes off the lesson's amount. A lesson the period cannot price is a warning, not a
 * charge.
 */
export function periodCharges(input: {
  lessons: readonly BilledLesson[];
  lessonTypes: ReadonlyMap<LessonId, LessonTypeId | null>;
  rates: readonly Rate[];
  accounts: readonly BillingAccount[];
  settings: BillingSettings;
}): PeriodCharges {
  const accountOf = new Map<UserId, BillingAccount>();
  for (const account of input.accounts) for (const student of account.studentIds) if (!accountOf.has(student)) accountOf.set(student, account);
  const byAccount = new Map<BillingAccountId, LessonCharge[]>();
  const warnings: ChargeWarning[] = [];
  for (const lesson of input.lessons) {
    if (!isCharged(lesson, input.settings.chargeBasis)) continue;
    const lessonTypeId = input.lessonTypes.get(lesson.id) ?? null;
    if (!lessonTypeId) {
      warnings.push({ kind: 'no_lesson_type', lessonId: lesson.id, studentId: null });
      continue;
    }
    const rate = rateFor(input.rates, { lessonTypeId, teacherId: lesson.teacherId, durationMinutes: lessonMinutes(lesson) });
    if (!rate) {
      warnings.push({ kind: 'no_rate', lessonId: lesson.id, studentId: null });
      continue;
    }
    const shares = chargesPerStudent(rate, lesson.studentIds.length);
    const perAccount = new Map<BillingAccount, { studentIds: UserId[]; amount: Money }>();
    lesson.studentIds.forEach((studentId, i) => {
      const account = accountOf.get(studentId);
      if (!account) {
        warnings.push({ kind: 'no_account', lessonId: lesson.id, studentId });
        return;
      }
      const sibling = account.studentIds.indexOf(studentId) > 0 ? percentOf(shares[i], input.settings.siblingDiscountBasisPoints) : Money.zero(shares[i].currency);
      const entry = perAccount.get(account) ?? { studentIds: [], amount: Money.zero(shares[i].currency) };
      perAccount.set(account, { studentIds: [...entry.studentIds, studentId], amount: entry.amount.add(shares[i].subtract(sibling)) });
    });
    for (const [account, { studentIds, amount }] of perAccount) {
      const charged = amount.subtract(percentOf(amount, account.discountBasisPoints));
      if (charged.minor <= 0) continue;
      byAccount.set(account.id, [...(byAccount.get(account.id) ?? []), { lessonId: lesson.id, studentIds, amount: charged }]);
    }
  }
  return { byAccount, warnings };
}
