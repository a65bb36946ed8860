import type { Money } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId } from '../model/ids.js';
import type { IgnoredPaymentEvent, PaymentEvent } from '../model/payment-event.js';

/**
 * Every call names its idempotency key, derived from the Cadenza operation it serves (the account, the invoice and its
 * open amount, the refund's id), so a retried request never creates or charges twice.
 */
interface Keyed {
  idempotencyKey: string;
}

export interface CustomerRequest extends Keyed {
  schoolId: string;
  accountId: BillingAccountId;
  name: string | null;
  email: string | null;
}

export interface CheckoutRequest extends Keyed {
  schoolId: string;
  accountId: BillingAccountId;
  customerRef: string;
  invoiceId: InvoiceId;
  /** What the payer reads on the provider's page. */
  description: string;
  amount: Money;
  successUrl: string;
  cancelUrl: string;
}

export interface CardSetupRequest extends Keyed {
  schoolId: string;
  accountId: BillingAccountId;
  customerRef: string;
  currency: string;
  successUrl: string;
  cancelUrl: string;
}

export interface OffSessionChargeRequest extends Keyed {
  schoolId: string;
  accountId: BillingAccountId;
  customerRef: string;
  paymentMethodRef: string;
  invoiceId: InvoiceId;
  amount: Money;
}

export type ChargeOutcome = { outcome: 'succeeded'; paymentRef: string } | { outcome: 'declined'; paymentRef: string | null; reason: string };

export interface RefundRequest extends Keyed {
  paymentRef: string;
  amount: Money;
}

/**
 * The payment provider, as billing needs it: a customer per billing account, a hosted checkout for an invoice's open
 * amount, a card saved for automatic payments, an off-session charge of that card, refunds; and its signed events,
 * verified and translated. Implemented on Stripe (infra-stripe); no provider type crosses it.
 */
export abstract class PaymentGateway {
  /** The provider's customer for the account: its reference. */
  abstract createCustomer(request: CustomerRequest): Promise<string>;
  /** A hosted page where the payer pays the amount: its URL. */
  abstract startCheckout(request: CheckoutRequest): Promise<{ url: string; sessionRef: string }>;
  /** A hosted page where the payer saves a card for automatic payments: its URL. */
  abstract startCardSetup(request: CardSetupRequest): Promise<{ url: string }>;
  /** Charges the saved card without the payer present; a declined card is an outcome, not an error. */
  abstract chargeOffSession(request: OffSessionChargeRequest): Promise<ChargeOutcome>;
  abstract refund(request: RefundRequest): Promise<{ refundRef: string }>;
  /**
   * The event in a webhook's raw body, once its signature is verified (a signature that is missing, forged or older
   * than the tolerance is a DomainError `invalid`, so nothing is applied).
   */
  abstract verifyEvent(rawBody: Uint8Array | string, signature: string | undefined): Promise<PaymentEvent | IgnoredPaymentEvent>;
}
