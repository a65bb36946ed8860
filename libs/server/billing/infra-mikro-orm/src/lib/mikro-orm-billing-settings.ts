import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { BillingSettingsStore, DEFAULT_BILLING_SETTINGS, type BillingSettings, type ChargeBasis, type RunPeriod } from '@cadenza/server/billing/domain';
import { BillingSettingsSchema } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/** The school's billing settings in `billing_settings` (no row: the defaults). */
@Injectable()
export class MikroOrmBillingSettings extends BillingSettingsStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(): Promise<BillingSettings> {
    const row = await this.em.findOne(BillingSettingsSchema, { schoolId: currentSchool(this.em) }, NO_MAP);
    if (!row) return { ...DEFAULT_BILLING_SETTINGS };
    return { chargeBasis: row.chargeBasis as ChargeBasis, taxBasisPoints: row.taxBasisPoints, siblingDiscountBasisPoints: row.siblingDiscountBasisPoints, dueDays: row.dueDays, scheduledRun: row.scheduledRun, runDay: row.runDay, runTime: row.runTime, runPeriod: row.runPeriod as RunPeriod, invoiceAddress: row.invoiceAddress, paymentInstructions: row.paymentInstructions };
  }

  async save(settings: BillingSettings): Promise<void> {
    await this.em.upsert(BillingSettingsSchema, { schoolId: currentSchool(this.em), ...settings }, NO_MAP);
  }
}
