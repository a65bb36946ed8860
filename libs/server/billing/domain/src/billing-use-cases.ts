import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { BilledLessons, BillingAccounts, BillingDirectory, BillingEvents, BillingRunQueue, BillingRuns, BillingSettingsStore, InvoiceNumbering, InvoiceRenderer, Invoices, Rates } from './ports/index.js';
import { BillRunBatch, GetBillingRun, ListBillingRuns, PreviewBillingRun, RunInputs, StartBillingRun, StartScheduledBillingRun } from './use-cases/billing-runs.js';
import { GetBillingSettings, UpdateBillingSettings } from './use-cases/billing-settings.js';
import { IssueInvoice, VoidInvoice } from './use-cases/issue-invoice.js';
import { GetInvoicePdf, InvoicePdfs } from './use-cases/invoice-pdf.js';
import { AccountVisibility, GetBillingAccount, GetInvoice, ListBillingAccounts, ListInvoices } from './use-cases/invoice-reads.js';
import { ChangeRate, ListRates, RemoveRate, SetRate } from './use-cases/rates.js';
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
  runs: BillingRuns;
  runQueue: BillingRunQueue;
  events: BillingEvents;
  renderer: InvoiceRenderer;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}

/** Billing's use cases by name, each with its class: what `billingUseCases` returns, and the tokens an app provides them under. */
export const BILLING_USE_CASES = {
  listRates: ListRates,
  setRate: SetRate,
  changeRate: ChangeRate,
  removeRate: RemoveRate,
  listInvoices: ListInvoices,
  getInvoice: GetInvoice,
  getInvoicePdf: GetInvoicePdf,
  invoicePdfs: InvoicePdfs,
  listAccounts: ListBillingAccounts,
  getAccount: GetBillingAccount,
  getSettings: GetBillingSettings,
  updateSettings: UpdateBillingSettings,
  issueInvoice: IssueInvoice,
  voidInvoice: VoidInvoice,
  recordLessonFacts: RecordLessonFacts,
  previewRun: PreviewBillingRun,
  startRun: StartBillingRun,
  startScheduledRun: StartScheduledBillingRun,
  billRunBatch: BillRunBatch,
  listRuns: ListBillingRuns,
  getRun: GetBillingRun,
} as const;

export type BillingUseCases = { [K in keyof typeof BILLING_USE_CASES]: InstanceType<(typeof BILLING_USE_CASES)[K]> };

/** Builds every billing use case from its ports: used by the Nest module (adapters) and the specs' world (fakes). */
export function billingUseCases(p: BillingPorts): BillingUseCases {
  const { rates, settings, accounts, invoices, lessons, numbering, directory, runs, runQueue, events, renderer, audit, uow, clock } = p;
  const inputs = new RunInputs(lessons, invoices, rates, settings, directory, clock);
  const setRate = new SetRate(rates, directory, audit, uow);
  const visibility = new AccountVisibility(accounts, directory);
  const getInvoice = new GetInvoice(invoices, visibility, directory);
  const invoicePdfs = new InvoicePdfs(settings, directory, renderer);
  const startRun = new StartBillingRun(accounts, runs, directory, runQueue, audit, uow, clock);
  return {
    listRates: new ListRates(rates),
    setRate,
    changeRate: new ChangeRate(rates, setRate),
    removeRate: new RemoveRate(rates, audit, uow),
    listInvoices: new ListInvoices(invoices, visibility, directory),
    getInvoice,
    getInvoicePdf: new GetInvoicePdf(getInvoice, invoicePdfs),
    invoicePdfs,
    listAccounts: new ListBillingAccounts(visibility, directory),
    getAccount: new GetBillingAccount(visibility, directory),
    getSettings: new GetBillingSettings(settings),
    updateSettings: new UpdateBillingSettings(settings, audit, uow),
    issueInvoice: new IssueInvoice(invoices, numbering, settings, audit, uow, clock),
    voidInvoice: new VoidInvoice(invoices, audit, uow, clock),
    recordLessonFacts: new RecordLessonFacts(lessons, directory, uow),
    previewRun: new PreviewBillingRun(accounts, runs, directory, inputs),
    startRun,
    startScheduledRun: new StartScheduledBillingRun(settings, runs, directory, startRun, clock),
    billRunBatch: new BillRunBatch(accounts, runs, invoices, numbering, inputs, events, audit, uow, clock),
    listRuns: new ListBillingRuns(runs),
    getRun: new GetBillingRun(runs),
  };
}
