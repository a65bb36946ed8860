import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { BilledLessons, BillingAccounts, BillingDirectory, BillingSettingsStore, InvoiceNumbering, Invoices, Rates } from './ports/index.js';
import { GetBillingSettings, UpdateBillingSettings } from './use-cases/billing-settings.js';
import { IssueInvoice, VoidInvoice } from './use-cases/issue-invoice.js';
import { ListRates, RemoveRate, SetRate } from './use-cases/rates.js';
import { RecordLessonFacts } from './use-cases/record-lesson-facts.js';

/** Every port billing's use cases are built from. */
export interface BillingPorts {
  rates: Rates;
  settings: BillingSettingsStore;
  accounts: BillingAccounts;
  invoices: Invoices;
  lessons: BilledLessons;
  numbering: InvoiceNumbering;
  directory: BillingDirectory;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}

/** Billing's use cases by name, each with its class: what `billingUseCases` returns, and the tokens an app provides them under. */
export const BILLING_USE_CASES = {
  listRates: ListRates,
  setRate: SetRate,
  removeRate: RemoveRate,
  getSettings: GetBillingSettings,
  updateSettings: UpdateBillingSettings,
  issueInvoice: IssueInvoice,
  voidInvoice: VoidInvoice,
  recordLessonFacts: RecordLessonFacts,
} as const;

export type BillingUseCases = { [K in keyof typeof BILLING_USE_CASES]: InstanceType<(typeof BILLING_USE_CASES)[K]> };

/** Builds every billing use case from its ports: used by the Nest module (adapters) and the specs' world (fakes). */
export function billingUseCases(p: BillingPorts): BillingUseCases {
  const { rates, settings, invoices, lessons, numbering, directory, audit, uow, clock } = p;
  return {
    listRates: new ListRates(rates),
    setRate: new SetRate(rates, directory, audit, uow),
    removeRate: new RemoveRate(rates, audit, uow),
    getSettings: new GetBillingSettings(settings),
    updateSettings: new UpdateBillingSettings(settings, audit, uow),
    issueInvoice: new IssueInvoice(invoices, numbering, settings, audit, uow, clock),
    voidInvoice: new VoidInvoice(invoices, audit, uow, clock),
    recordLessonFacts: new RecordLessonFacts(lessons, uow),
  };
}
