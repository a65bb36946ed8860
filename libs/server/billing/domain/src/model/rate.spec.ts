import { Money, newId, type UserId } from '@cadenza/shared/kernel';
import type { LessonTypeId, RateId } from './ids.js';
import { chargesPerStudent, Rate, rateFor } from './rate.js';

const piano = newId<LessonTypeId>();
const teacher = newId<UserId>();
const rate = (over: { teacherId?: UserId | null; durationMinutes?: number | null; minor?: number; format?: 'individual' | 'group' } = {}) =>
  Rate.create({ id: newId<RateId>(), lessonTypeId: piano, teacherId: over.teacherId ?? null, durationMinutes: over.durationMinutes ?? null, price: { minor: over.minor ?? 2500, currency: 'GBP' }, format: over.format ?? 'individual' }, 'GBP');

describe('rates', () => {
  it('prices a lesson with the most specific rate: teacher and length, teacher, length, then the type’s', () => {
    const base = rate();
    const long = rate({ durationMinutes: 60, minor: 4500 });
    const theirs = rate({ teacherId: teacher, minor: 3000 });
    const theirsLong = rate({ teacherId: teacher, durationMinutes: 60, minor: 5000 });
    const all = [base, long, theirs, theirsLong];
    expect(rateFor(all, { lessonTypeId: piano, teacherId: teacher, durationMinutes: 60 })).toBe(theirsLong);
    expect(rateFor(all, { lessonTypeId: piano, teacherId: teacher, durationMinutes: 30 })).toBe(theirs);
    expect(rateFor(all, { lessonTypeId: piano, teacherId: newId<UserId>(), durationMinutes: 60 })).toBe(long);
    expect(rateFor(all, { lessonTypeId: piano, teacherId: newId<UserId>(), durationMinutes: 30 })).toBe(base);
    expect(rateFor(all, { lessonTypeId: newId<LessonTypeId>(), teacherId: teacher, durationMinutes: 60 })).toBeNull();
  });

  it('charges each student of a group the price, and shares an individual lesson’s price to the penny', () => {
    expect(chargesPerStudent(rate({ format: 'group', minor: 800 }), 3)).toEqual([Money.of(800, 'GBP'), Money.of(800, 'GBP'), Money.of(800, 'GBP')]);
    expect(chargesPerStudent(rate({ minor: 1000 }), 3).map((m) => m.minor)).toEqual([334, 333, 333]);
    expect(chargesPerStudent(rate(), 0)).toEqual([]);
  });

  it.each([
    [{ minor: -100, currency: 'GBP' }, 'price.minor', 'BILLING.AMOUNT_NOT_POSITIVE'],
    [{ minor: 0, currency: 'GBP' }, 'price.minor', 'BILLING.AMOUNT_NOT_POSITIVE'],
    [{ minor: 12.5, currency: 'GBP' }, 'price.minor', 'BILLING.AMOUNT_NOT_WHOLE'],
    [{ minor: 1200, currency: 'EUR' }, 'price.currency', 'BILLING.OTHER_CURRENCY'],
  ])('refuses the price %j naming %s', (price, field, code) => {
    expect(() => Rate.create({ id: newId<RateId>(), lessonTypeId: piano, teacherId: null, durationMinutes: null, price, format: 'individual' }, 'GBP')).toThrow(
      expect.objectContaining({ code, kind: 'invalid', details: { fields: [expect.objectContaining({ field })] } }),
    );
  });

  it('refuses a length of lesson outside 5 to 480 whole minutes', () => {
    for (const durationMinutes of [4, 481, 30.5]) expect(() => rate({ durationMinutes })).toThrow(expect.objectContaining({ code: 'BILLING.INVALID_DURATION' }));
  });
});
