import type { Id } from '@cadenza/shared/kernel';

/**
 * A batch of a billing run was billed: its invoices are issued and the batch marked done, in the unit of work that
 * wrote this event. Ids and counts only: whoever shows the run's progress reads it again (all batches of the run, as
 * committed), so batches committing at once never leave a stale count behind.
 */
export interface BillingRunBatchBilledV1 {
  runId: Id<'BillingRun'>;
  /** The run's month, its first day (`YYYY-MM-DD`). */
  periodFrom: string;
  batch: number;
  invoices: number;
}

/**
 * An invoice's payments changed (a payment recorded or arriving from the card provider, a refund, a dispute) and its
 * paid amount and status were worked out again. For whoever may read the invoice.
 */
export interface InvoiceSettledV1 {
  invoiceId: Id<'Invoice'>;
  accountId: Id<'BillingAccount'>;
  status: 'issued' | 'partially_paid' | 'paid' | 'overdue';
  /** What counts as paid now and what is left to pay, in minor units of the invoice's currency. */
  paidMinor: number;
  openMinor: number;
}

/** Billing's events, by versioned type. */
export interface BillingEventPayloads {
  'billing.run_batch_billed.v1': BillingRunBatchBilledV1;
  'billing.invoice_settled.v1': InvoiceSettledV1;
}
