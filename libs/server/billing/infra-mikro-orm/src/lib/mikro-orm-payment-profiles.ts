import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { PaymentProfiles, type BillingAccountId, type PaymentProfile } from '@cadenza/server/billing/domain';
import { asId } from '@cadenza/shared/kernel';
import { PaymentProfileSchema } from './payment-entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/** The accounts' customers at the provider, in `billing_payment_profiles` (one per account, a customer one account's). */
@Injectable()
export class MikroOrmPaymentProfiles extends PaymentProfiles {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(accountId: BillingAccountId): Promise<PaymentProfile | null> {
    const row = await this.em.findOne(PaymentProfileSchema, { accountId }, NO_MAP);
    return row ? { accountId: asId<BillingAccountId>(row.accountId), customerRef: row.customerRef } : null;
  }

  async save(profile: PaymentProfile): Promise<void> {
    await this.em.insert(PaymentProfileSchema, { accountId: profile.accountId, schoolId: currentSchool(this.em), customerRef: profile.customerRef });
  }
}
