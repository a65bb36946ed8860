import { DomainError } from '@cadenza/shared/kernel';

/** What a billing run charges: the coming month's scheduled lessons (in advance), or the past month's delivered lessons. */
export const CHARGE_BASES = ['in_advance', 'delivered'] as const;
export type ChargeBasis = (typeof CHARGE_BASES)[number];

/** A school's billing settings. Percentages are in basis points (hundredths of a percent): 2000 is 20 %. */
export interface BillingSettings {
  chargeBasis: ChargeBasis;
  /** The school's tax rate shown on invoices; 0, the default, is none. */
  taxBasisPoints: number;
  /** Off each lesson of a family's second and later students in a period. */
  siblingDiscountBasisPoints: number;
  /** Days from issue to due. */
  dueDays: number;
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { chargeBasis: 'in_advance', taxBasisPoints: 0, siblingDiscountBasisPoints: 0, dueDays: 14 };

const LIMITS: Record<Exclude<keyof BillingSettings, 'chargeBasis'>, number> = { taxBasisPoints: 10_000, siblingDiscountBasisPoints: 10_000, dueDays: 365 };

/** The settings with `change` applied, each value checked (a 400 naming the field otherwise). */
export function changedBillingSettings(current: BillingSettings, change: Partial<BillingSettings>): BillingSettings {
  const next = { ...current };
  if (change.chargeBasis !== undefined) {
    if (!CHARGE_BASES.includes(change.chargeBasis)) throw DomainError.invalid('BILLING.INVALID_SETTING', 'chargeBasis', `Must be one of ${CHARGE_BASES.join(', ')}.`);
    next.chargeBasis = change.chargeBasis;
  }
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const value = change[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > LIMITS[key]) throw DomainError.invalid('BILLING.INVALID_SETTING', key, `Must be a whole number from 0 to ${LIMITS[key]}.`);
    next[key] = value;
  }
  return next;
}
