import type { BillingSettings } from '../model/billing-settings.js';

/** The school's billing settings (none saved: the defaults). */
export abstract class BillingSettingsStore {
  abstract get(): Promise<BillingSettings>;
  abstract save(settings: BillingSettings): Promise<void>;
}
