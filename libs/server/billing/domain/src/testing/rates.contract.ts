import { Money, newId, type UserId } from '@cadenza/shared/kernel';
import type { LessonTypeId, RateId } from '../model/ids.js';
import { Rate } from '../model/rate.js';
import type { Rates } from '../ports/rates.js';

export interface RatesContractSubject {
  rates: Rates;
  /** At least 2 people of the school (teachers). */
  people: UserId[];
}

/** The contract of `Rates`, run against the in-memory fake and the MikroORM adapter. */
export function ratesContract(name: string, setup: () => Promise<RatesContractSubject>): void {
  describe(`Rates contract: ${name}`, () => {
    let subject: RatesContractSubject;
    const type = newId<LessonTypeId>();
    const rate = (over: { teacherId?: UserId | null; durationMinutes?: number | null; minor?: number; id?: RateId } = {}) =>
      Rate.create({ id: over.id ?? newId<RateId>(), lessonTypeId: type, teacherId: over.teacherId ?? null, durationMinutes: over.durationMinutes ?? null, price: { minor: over.minor ?? 2500, currency: 'GBP' }, format: 'individual' }, 'GBP');
    beforeEach(async () => {
      subject = await setup();
    });

    it('keeps rates as given, replaces one by its id and removes it', async () => {
      const { rates, people } = subject;
      const base = rate();
      const teachers = rate({ teacherId: people[0], durationMinutes: 45, minor: 3100 });
      await rates.save(base);
      await rates.save(teachers);
      expect(await rates.get(teachers.id)).toEqual(teachers);
      expect((await rates.list()).map((r) => r.id).sort()).toEqual([base.id, teachers.id].sort());
      const dearer = rate({ id: base.id, minor: 2700 });
      await rates.save(dearer);
      expect((await rates.get(base.id))?.price).toEqual(Money.of(2700, 'GBP'));
      await rates.remove(base.id);
      expect(await rates.get(base.id)).toBeNull();
      expect((await rates.list()).map((r) => r.id)).toEqual([teachers.id]);
    });

    it('refuses a second rate of the same scope', async () => {
      const { rates, people } = subject;
      await rates.save(rate({ teacherId: people[1] }));
      await expect(rates.save(rate({ teacherId: people[1], minor: 999 }))).rejects.toThrow();
      await rates.save(rate({ teacherId: people[1], durationMinutes: 30 }));
      expect(await rates.list()).toHaveLength(2);
    });
  });
}
