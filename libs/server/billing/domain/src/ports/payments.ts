import type { InvoiceId } from '../model/ids.js';
import type { Payment } from '../model/payment.js';

/** The payments towards the school's invoices. */
export abstract class Payments {
  abstract forInvoice(invoiceId: InvoiceId): Promise<Payment[]>;
  /** The card payment the provider knows by this reference. */
  abstract byProviderRef(providerRef: string): Promise<Payment | null>;
  /** Adds or replaces the payment; a provider reference is one payment's only. */
  abstract save(payment: Payment): Promise<void>;
}

/**
 * The payment provider's events billing has applied, each recorded by its id in the unit of work that applies it: `claim`
 * is true for an event not applied before (and holds its id until the unit ends, so a second delivery racing the first
 * waits and then sees it applied), false for one already applied.
 */
export abstract class AppliedPaymentEvents {
  abstract claim(eventId: string, type: string): Promise<boolean>;
}
