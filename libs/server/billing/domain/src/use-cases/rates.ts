import { DomainError, newId, type Actor, type AuditTrail, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { LessonTypeId, RateId } from '../model/ids.js';
import { Rate } from '../model/rate.js';
import type { BillingDirectory } from '../ports/billing-directory.js';
import type { Rates } from '../ports/rates.js';

export interface RateInput {
  lessonTypeId: LessonTypeId;
  teacherId: UserId | null;
  durationMinutes: number | null;
  price: { minor: number; currency: string };
}

/** The school's rates, for admins. */
export class ListRates {
  constructor(private readonly rates: Rates) {}

  async execute(actor: Actor): Promise<Rate[]> {
    requireAdmin(actor);
    return this.rates.list();
  }
}

/**
 * An admin adds a rate, or changes one (`rateId`): for a lesson type the school has, optionally one teacher's or one
 * length's, priced in the school's currency, a whole positive amount; one rate per scope. Audited.
 */
export class SetRate {
  constructor(
    private readonly rates: Rates,
    private readonly directory: BillingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: RateInput & { rateId?: RateId }): Promise<Rate> {
    requireAdmin(actor);
    const type = await this.directory.lessonType(input.lessonTypeId);
    if (!type) throw DomainError.invalid('BILLING.UNKNOWN_LESSON_TYPE', 'lessonTypeId', 'The school has no such lesson type.');
    const rate = Rate.create({ ...input, id: input.rateId ?? newId<RateId>(), format: type.format }, await this.directory.currency());
    return this.uow.run(async () => {
      const existing = await this.rates.list();
      const before = input.rateId ? existing.find((r) => r.id === input.rateId) : undefined;
      if (input.rateId && !before) throw DomainError.notFound('BILLING.RATE_NOT_FOUND', 'The rate');
      if (existing.some((r) => r.id !== rate.id && r.sameScope(rate))) {
        throw new DomainError('BILLING.RATE_EXISTS', 'conflict', 'A rate for this lesson type, teacher and length exists already: change that one.');
      }
      await this.rates.save(rate);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: before ? 'billing.rate.changed' : 'billing.rate.created', entityType: 'billing_rate', entityId: rate.id, before: before?.snapshot(), after: rate.snapshot() });
      return rate;
    });
  }
}

/** An admin changes some of a rate's price, teacher or length; the rest stays as it was (see `SetRate`). */
export class ChangeRate {
  constructor(
    private readonly rates: Rates,
    private readonly setRate: SetRate,
  ) {}

  async execute(actor: Actor, rateId: RateId, change: Partial<Omit<RateInput, 'lessonTypeId'>>): Promise<Rate> {
    requireAdmin(actor);
    const rate = await this.rates.get(rateId);
    if (!rate) throw DomainError.notFound('BILLING.RATE_NOT_FOUND', 'The rate');
    const s = rate.snapshot();
    return this.setRate.execute(actor, {
      rateId,
      lessonTypeId: s.lessonTypeId,
      teacherId: change.teacherId !== undefined ? change.teacherId : s.teacherId,
      durationMinutes: change.durationMinutes !== undefined ? change.durationMinutes : s.durationMinutes,
      price: change.price ?? { minor: s.price.minor, currency: s.price.currency },
    });
  }
}

/** An admin removes a rate; lessons it priced stay on the invoices that charged them. Audited. */
export class RemoveRate {
  constructor(
    private readonly rates: Rates,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, rateId: RateId): Promise<void> {
    requireAdmin(actor);
    await this.uow.run(async () => {
      const rate = await this.rates.get(rateId);
      if (!rate) throw DomainError.notFound('BILLING.RATE_NOT_FOUND', 'The rate');
      await this.rates.remove(rateId);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.rate.removed', entityType: 'billing_rate', entityId: rateId, before: rate.snapshot() });
    });
  }
}
