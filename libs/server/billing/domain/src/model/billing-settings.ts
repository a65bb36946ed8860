import { DomainError } from '@cadenza/shared/kernel';

/** What a billing run charges: the coming month's scheduled lessons (in advance), or the past month's delivered lessons. */
export const CHARGE_BASES = ['in_advance', 'delivered'] as const;
export type ChargeBasis = (typeof CHARGE_BASES)[number];

/** Which month the school's scheduled run bills, from the month it runs in: the coming one, the same one, or the one before. */
export const RUN_PERIODS = ['next', 'current', 'previous'] as const;
export type RunPeriod = (typeof RUN_PERIODS)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A school's billing settings. Percentages are in basis points (hundredths of a percent): 2000 is 20 %. */
export interface BillingSettings {
  chargeBasis: ChargeBasis;
  /** The school's tax rate shown on invoices; 0, the default, is none. */
  taxBasisPoints: number;
  /** Off each lesson of a family's second and later students in a period. */
  siblingDiscountBasisPoints: number;
  /** Days from issue to due. */
  dueDays: number;
  /** Whether the school's run starts by itself each month (off until an admin turns it on, once the rates are set). */
  scheduledRun: boolean;
  /** The day of the month the scheduled run starts on, 1 to 28 (every month has it). */
  runDay: number;
  /** Its time on that day, `HH:MM` in the school's zone. */
  runTime: string;
  /** The month it bills. */
  runPeriod: RunPeriod;
  /** The school's address as its invoices print it, a line each (empty: none printed). */
  invoiceAddress: string;
  /** How to pay, printed on every invoice under its totals (bank details, say). */
  paymentInstructions: string;
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { chargeBasis: 'in_advance', taxBasisPoints: 0, siblingDiscountBasisPoints: 0, dueDays: 14, scheduledRun: false, runDay: 25, runTime: '06:00', runPeriod: 'next', invoiceAddress: '', paymentInstructions: '' };

const TEXT_LIMITS = { invoiceAddress: 400, paymentInstructions: 1_000 } as const;

type WholeSetting = 'taxBasisPoints' | 'siblingDiscountBasisPoints' | 'dueDays' | 'runDay';
const LIMITS: Record<WholeSetting, [number, number]> = { taxBasisPoints: [0, 10_000], siblingDiscountBasisPoints: [0, 10_000], dueDays: [0, 365], runDay: [1, 28] };

/** The settings with `change` applied, each value checked (a 400 naming the field otherwise). */
export function changedBillingSettings(current: BillingSettings, change: Partial<BillingSettings>): BillingSettings {
  const next = { ...current };
  if (change.chargeBasis !== undefined) {
    if (!CHARGE_BASES.includes(change.chargeBasis)) throw DomainError.invalid('BILLING.INVALID_SETTING', 'chargeBasis', `Must be one of ${CHARGE_BASES.join(', ')}.`);
    next.chargeBasis = change.chargeBasis;
  }
  for (const key of Object.keys(LIMITS) as WholeSetting[]) {
    const value = change[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) throw DomainError.invalid('BILLING.INVALID_SETTING', key, `Must be a whole number from ${min} to ${max}.`);
    next[key] = value;
  }
  if (change.scheduledRun !== undefined) {
    if (typeof change.scheduledRun !== 'boolean') throw DomainError.invalid('BILLING.INVALID_SETTING', 'scheduledRun', 'Must be true or false.');
    next.scheduledRun = change.scheduledRun;
  }
  if (change.runTime !== undefined) {
    if (!HH_MM.test(change.runTime)) throw DomainError.invalid('BILLING.INVALID_SETTING', 'runTime', 'Must be a time of day, HH:MM.');
    next.runTime = change.runTime;
  }
  if (change.runPeriod !== undefined) {
    if (!RUN_PERIODS.includes(change.runPeriod)) throw DomainError.invalid('BILLING.INVALID_SETTING', 'runPeriod', `Must be one of ${RUN_PERIODS.join(', ')}.`);
    next.runPeriod = change.runPeriod;
  }
  for (const key of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) {
    const value = change[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > TEXT_LIMITS[key]) throw DomainError.invalid('BILLING.INVALID_SETTING', key, `Must be text of at most ${TEXT_LIMITS[key]} characters.`);
    next[key] = value.trim();
  }
  return next;
}
