import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { Rate, Rates, type LessonFormat, type LessonTypeId, type RateId } from '@cadenza/server/billing/domain';
import { asId, DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import { RateSchema, type RateRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

const toRate = (row: RateRow): Rate =>
  Rate.restore({
    id: asId<RateId>(row.id),
    lessonTypeId: asId<LessonTypeId>(row.lessonTypeId),
    teacherId: row.teacherId === null ? null : asId<UserId>(row.teacherId),
    durationMinutes: row.durationMinutes,
    price: Money.of(row.priceMinor, row.currency),
    format: row.format as LessonFormat,
  });

/** The school's rates in `billing_rates` (one per lesson type, teacher and length: a unique key with nulls equal). */
@Injectable()
export class MikroOrmRates extends Rates {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async list(): Promise<Rate[]> {
    return (await this.em.find(RateSchema, {}, { ...NO_MAP, orderBy: { lessonTypeId: 'asc', id: 'asc' } })).map(toRate);
  }

  async get(id: RateId): Promise<Rate | null> {
    const row = await this.em.findOne(RateSchema, { id }, NO_MAP);
    return row ? toRate(row) : null;
  }

  async save(rate: Rate): Promise<void> {
    const s = rate.snapshot();
    try {
      await this.em.upsert(
        RateSchema,
        { id: s.id, schoolId: currentSchool(this.em), lessonTypeId: s.lessonTypeId, teacherId: s.teacherId, durationMinutes: s.durationMinutes, priceMinor: s.price.minor, currency: s.price.currency, format: s.format },
        NO_MAP,
      );
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('BILLING.RATE_EXISTS', 'conflict', 'A rate for this lesson type, teacher and length exists already.');
      throw error;
    }
  }

  async remove(id: RateId): Promise<void> {
    await this.em.nativeDelete(RateSchema, { id });
  }
}
