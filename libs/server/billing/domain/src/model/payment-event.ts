import type { Money } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId } from './ids.js';

/**
 * What the payment provider tells billing, in billing's words (a Stripe event once verified and translated at the edge).
 * Each carries the provider's event id, applied once, and the school the payment is for. Amounts are cumulative where
 * the provider's are (a charge's refunded total), so applying events in any order converges on the same state.
 */
export type PaymentEvent = { id: string; schoolId: string } & (
  | { kind: 'payment_succeeded'; paymentRef: string; invoiceId: InvoiceId; amount: Money }
  | { kind: 'payment_failed'; paymentRef: string; invoiceId: InvoiceId; reason: string }
  /** The charge's whole amount and everything refunded of it so far. */
  | { kind: 'refunded'; paymentRef: string; invoiceId: InvoiceId; amount: Money; refunded: Money }
  /** The payer's bank disputes the payment: the amount held is no longer counted as paid; `closed` once won or lost. */
  | { kind: 'disputed'; paymentRef: string; invoiceId: InvoiceId; amount: Money; disputed: Money; closed: boolean }
  | { kind: 'card_saved'; accountId: BillingAccountId; customerRef: string; paymentMethodRef: string }
);

/** An event billing has nothing to do with (another type, or another application's object): acknowledged, not applied. */
export interface IgnoredPaymentEvent {
  id: string;
  kind: 'ignored';
  type: string;
}
