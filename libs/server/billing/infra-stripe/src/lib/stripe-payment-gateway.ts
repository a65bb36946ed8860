import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import {
  PaymentGateway,
  type CardSetupRequest,
  type ChargeOutcome,
  type CheckoutRequest,
  type CustomerRequest,
  type IgnoredPaymentEvent,
  type OffSessionChargeRequest,
  type PaymentEvent,
  type RefundRequest,
} from '@cadenza/server/billing/domain';
import { StripeConfig } from '@cadenza/server/platform/config';
import { DomainError } from '@cadenza/shared/kernel';
import { toPaymentEvent, type CadenzaMetadata } from './mappers/to-payment-event.js';

/** How old a webhook's signature may be (Stripe's own default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Stripe's own words for an error (the client prefixes its message with the request id). */
const stripeMessage = (error: Stripe.errors.StripeError) => (error.raw as { message?: string } | undefined)?.message ?? error.message;

const unavailable = () => new DomainError('BILLING.CARD_PAYMENTS_OFF', 'unavailable', 'Card payments are not set up for this school (STRIPE_SECRET_KEY).');

/** The official client for the configured Stripe, or the Stripe-compatible server named by STRIPE_API_URL (the local fake). */
export function stripeClient(config: StripeConfig): Stripe {
  if (!config.secretKey) throw unavailable();
  const api = config.apiUrl ? new URL(config.apiUrl) : null;
  return new Stripe(config.secretKey, {
    // Network failures are retried by the client with the same idempotency key, so a retry never charges twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(api ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' } : {}),
  });
}

/**
 * Billing's payment gateway on Stripe: customers, Checkout sessions (payment and setup modes), off-session payment
 * intents and refunds through the official client, each request under the idempotency key its use case derived from
 * the Cadenza operation; webhooks verified with the library's own `constructEvent` and translated by `toPaymentEvent`.
 * Every object carries the school and the invoice or account in its metadata, which is how an event finds its way back.
 */
@Injectable()
export class StripePaymentGateway extends PaymentGateway {
  private client: Stripe | null = null;

  constructor(private readonly config: StripeConfig) {
    super();
  }

  private get stripe(): Stripe {
    this.client ??= stripeClient(this.config);
    return this.client;
  }

  async createCustomer(request: CustomerRequest): Promise<string> {
    const metadata = { schoolId: request.schoolId, billingAccountId: request.accountId } satisfies CadenzaMetadata;
    const customer = await this.stripe.customers.create({ ...(request.name ? { name: request.name } : {}), ...(request.email ? { email: request.email } : {}), metadata }, { idempotencyKey: request.idempotencyKey });
    return customer.id;
  }

  async startCheckout(request: CheckoutRequest): Promise<{ url: string; sessionRef: string }> {
    const metadata = { schoolId: request.schoolId, invoiceId: request.invoiceId, billingAccountId: request.accountId } satisfies CadenzaMetadata;
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: request.customerRef,
        client_reference_id: request.invoiceId,
        metadata,
        payment_intent_data: { metadata },
        line_items: [{ quantity: 1, price_data: { currency: request.amount.currency.toLowerCase(), unit_amount: request.amount.minor, product_data: { name: request.description } } }],
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`Stripe gave Checkout session ${session.id} no URL`);
    return { url: session.url, sessionRef: session.id };
  }

  async startCardSetup(request: CardSetupRequest): Promise<{ url: string }> {
    const metadata = { schoolId: request.schoolId, billingAccountId: request.accountId } satisfies CadenzaMetadata;
    const session = await this.stripe.checkout.sessions.create(
      { mode: 'setup', currency: request.currency.toLowerCase(), customer: request.customerRef, metadata, setup_intent_data: { metadata }, success_url: request.successUrl, cancel_url: request.cancelUrl },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`Stripe gave Checkout session ${session.id} no URL`);
    return { url: session.url };
  }

  async chargeOffSession(request: OffSessionChargeRequest): Promise<ChargeOutcome> {
    const metadata = { schoolId: request.schoolId, invoiceId: request.invoiceId, billingAccountId: request.accountId } satisfies CadenzaMetadata;
    try {
      const intent = await this.stripe.paymentIntents.create(
        { amount: request.amount.minor, currency: request.amount.currency.toLowerCase(), customer: request.customerRef, payment_method: request.paymentMethodRef, confirm: true, off_session: true, metadata },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === 'succeeded' || intent.status === 'processing') return { outcome: 'succeeded', paymentRef: intent.id };
      return { outcome: 'declined', paymentRef: intent.id, reason: intent.last_payment_error?.message ?? 'The card needs the payer to confirm the payment.' };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return { outcome: 'declined', paymentRef: error.payment_intent?.id ?? null, reason: stripeMessage(error) };
      throw error;
    }
  }

  async refund(request: RefundRequest): Promise<{ refundRef: string }> {
    try {
      const refund = await this.stripe.refunds.create({ payment_intent: request.paymentRef, amount: request.amount.minor }, { idempotencyKey: request.idempotencyKey });
      return { refundRef: refund.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) throw DomainError.invalid('BILLING.REFUND_REFUSED', 'amount.minor', `Stripe refused the refund: ${stripeMessage(error)}`);
      throw error;
    }
  }

  async verifyEvent(rawBody: Uint8Array | string, signature: string | undefined): Promise<PaymentEvent | IgnoredPaymentEvent> {
    if (!this.config.webhookSecret) throw unavailable();
    let event: Stripe.Event;
    try {
      if (!signature) throw new Error('no signature');
      const payload = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
      event = this.stripe.webhooks.constructEvent(payload, signature, this.config.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    } catch {
      throw DomainError.invalid('BILLING.WEBHOOK_SIGNATURE', 'Stripe-Signature', 'The webhook is not signed by Stripe with this endpoint\'s secret, or its signature is too old.');
    }
    if (event.type.startsWith('charge.dispute.')) {
      // A dispute carries metadata of its own: the payment it disputes says whose it is.
      const dispute = event.data.object as Stripe.Dispute;
      const paymentRef = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
      if (!paymentRef) return { id: event.id, kind: 'ignored', type: event.type };
      try {
        const intent = await this.stripe.paymentIntents.retrieve(paymentRef);
        return toPaymentEvent(event, () => intent.metadata);
      } catch (error) {
        // A payment this Stripe account does not have is not billing's.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return { id: event.id, kind: 'ignored', type: event.type };
        throw error;
      }
    }
    return toPaymentEvent(event);
  }
}
