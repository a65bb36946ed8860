import type { Actor, AuditTrail, UnitOfWork } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { changedBillingSettings, type BillingSettings } from '../model/billing-settings.js';
import type { BillingSettingsStore } from '../ports/billing-settings-store.js';

/** The school's billing settings, for admins. */
export class GetBillingSettings {
  constructor(private readonly settings: BillingSettingsStore) {}

  async execute(actor: Actor): Promise<BillingSettings> {
    requireAdmin(actor);
    return this.settings.get();
  }
}

/** Admins change what is charged, the tax rate, the sibling discount and the terms; audited. */
export class UpdateBillingSettings {
  constructor(
    private readonly settings: BillingSettingsStore,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, change: Partial<BillingSettings>): Promise<BillingSettings> {
    requireAdmin(actor);
    return this.uow.run(async () => {
      const before = await this.settings.get();
      const after = changedBillingSettings(before, change);
      await this.settings.save(after);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.settings.updated', entityType: 'billing_settings', entityId: null, before, after });
      return after;
    });
  }
}
