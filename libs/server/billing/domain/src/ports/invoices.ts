import type { LessonLedger } from '../model/billing-run.js';
import type { Invoice, InvoiceStatus } from '../model/invoice.js';
import type { BillingAccountId, BillingRunId, InvoiceId } from '../model/ids.js';

export interface InvoiceQuery {
  /** Only these accounts' invoices (an empty list: none). */
  accountIds?: readonly BillingAccountId[];
  status?: InvoiceStatus;
  /** Only invoices of the billing period starting on this day (`YYYY-MM-DD`). */
  periodFrom?: string;
}

/** The school's invoices with their lines. */
export abstract class Invoices {
  abstract get(id: InvoiceId): Promise<Invoice | null>;
  /** The invoice, held against other writers until the unit of work ends. */
  abstract forUpdate(id: InvoiceId): Promise<Invoice | null>;
  /** Newest first. */
  abstract list(query: InvoiceQuery): Promise<Invoice[]>;
  /** Adds or replaces the invoice and its lines. A number already taken by another invoice of the school is refused. */
  abstract save(invoice: Invoice): Promise<void>;
  /** Adds new invoices with their lines at once (a run's batch), each made by the run (`runId`): a run invoices an account once. */
  abstract addForRun(runId: BillingRunId, invoices: readonly Invoice[]): Promise<void>;
  /** What the accounts' invoices that are not void charged and credited, lesson by lesson. */
  abstract lessonLedgers(accountIds: readonly BillingAccountId[]): Promise<Map<BillingAccountId, LessonLedger>>;
}
