import { Money, newId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { BilledLesson } from './billed-lesson.js';
import { BillingAccount } from './billing-account.js';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from './billing-settings.js';
import { periodCharges } from './charges.js';
import type { BillingAccountId, LessonId, LessonTypeId, RateId } from './ids.js';
import { Rate } from './rate.js';

const [piano, choir] = [newId<LessonTypeId>(), newId<LessonTypeId>()];
const teacher = newId<UserId>();
const [amelia, oliver, adult, stranger] = [newId<UserId>(), newId<UserId>(), newId<UserId>(), newId<UserId>()];
const family = BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: newId<FamilyId>(), payerId: newId<UserId>(), studentIds: [amelia, oliver] });
const own = BillingAccount.forAdultStudent({ id: newId<BillingAccountId>(), studentId: adult });
const rate = (lessonTypeId: LessonTypeId, minor: number, format: 'individual' | 'group', over: { teacherId?: UserId; durationMinutes?: number } = {}) =>
  Rate.create({ id: newId<RateId>(), lessonTypeId, teacherId: over.teacherId ?? null, durationMinutes: over.durationMinutes ?? null, price: { minor, currency: 'GBP' }, format }, 'GBP');
const rates = [rate(piano, 3000, 'individual'), rate(piano, 4500, 'individual', { durationMinutes: 45 }), rate(choir, 800, 'group')];
const lesson = (studentIds: UserId[], over: Partial<BilledLesson> = {}): BilledLesson => ({
  id: newId<LessonId>(),
  teacherId: teacher,
  studentIds,
  start: new Date('2027-01-07T16:00:00Z'),
  end: new Date('2027-01-07T16:30:00Z'),
  status: 'scheduled',
  lateCancellation: false,
  deliveredAt: null,
  lessonTypeId: null,
  ...over,
});

function charge(lessons: BilledLesson[], types: (LessonTypeId | null)[], settings: Partial<BillingSettings> = {}, accounts = [family, own]) {
  return periodCharges({ lessons, lessonTypes: new Map(lessons.map((l, i) => [l.id, types[i]])), rates, accounts, settings: { ...DEFAULT_BILLING_SETTINGS, ...settings } });
}

describe('what a period charges', () => {
  it('prices each lesson with its rate, a group lesson per student, a 45-minute lesson at its own rate', () => {
    const solo = lesson([amelia]);
    const long = lesson([adult], { end: new Date('2027-01-07T16:45:00Z') });
    const group = lesson([amelia, oliver, adult]);
    const { byAccount, warnings } = charge([solo, long, group], [piano, piano, choir]);
    expect(warnings).toEqual([]);
    expect(byAccount.get(family.id)).toEqual([
      { lessonId: solo.id, studentIds: [amelia], amount: Money.of(3000, 'GBP') },
      { lessonId: group.id, studentIds: [amelia, oliver], amount: Money.of(1600, 'GBP') },
    ]);
    expect(byAccount.get(own.id)?.map((c) => c.amount.minor)).toEqual([4500, 800]);
  });

  it('takes the sibling discount off the second child’s share, then the family’s own off the lesson', () => {
    const account = BillingAccount.restore(family.snapshot());
    account.setDiscount(1000);
    const group = lesson([amelia, oliver]);
    const { byAccount } = charge([group], [choir], { siblingDiscountBasisPoints: 2500 }, [account]);
    // 800 + (800 - 200) = 1400, less 10 % = 1260.
    expect(byAccount.get(account.id)?.[0].amount).toEqual(Money.of(1260, 'GBP'));
  });

  it('charges by the setting: on delivery only the delivered and the late cancellations; never a cancellation in time', () => {
    const lessons = [lesson([amelia]), lesson([amelia], { status: 'delivered' }), lesson([amelia], { status: 'cancelled', lateCancellation: true }), lesson([amelia], { status: 'cancelled' })];
    const types = lessons.map(() => piano);
    expect(charge(lessons, types).byAccount.get(family.id)).toHaveLength(3);
    expect(charge(lessons, types, { chargeBasis: 'delivered' }).byAccount.get(family.id)?.map((c) => c.lessonId)).toEqual([lessons[1].id, lessons[2].id]);
  });

  it('warns of what it cannot charge: a lesson without a type or a rate, a student in no account', () => {
    const untyped = lesson([amelia]);
    const unrated = lesson([amelia]);
    const unknownStudent = lesson([stranger, oliver], { end: new Date('2027-01-07T17:00:00Z') });
    const { byAccount, warnings } = charge([untyped, unrated, unknownStudent], [null, newId<LessonTypeId>(), choir]);
    expect(warnings).toEqual([
      { kind: 'no_lesson_type', lessonId: untyped.id, studentId: null },
      { kind: 'no_rate', lessonId: unrated.id, studentId: null },
      { kind: 'no_account', lessonId: unknownStudent.id, studentId: stranger },
    ]);
    expect(byAccount.get(family.id)).toEqual([{ lessonId: unknownStudent.id, studentIds: [oliver], amount: Money.of(800, 'GBP') }]);
  });
});
