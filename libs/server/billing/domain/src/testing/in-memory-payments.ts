import { DomainError, type Money } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId, PaymentId } from '../model/ids.js';
import { Payment, type PaymentState } from '../model/payment.js';
import type { IgnoredPaymentEvent, PaymentEvent } from '../model/payment-event.js';
import { PaymentGateway, type CardSetupRequest, type ChargeOutcome, type CheckoutRequest, type CustomerRequest, type OffSessionChargeRequest, type RefundRequest } from '../ports/payment-gateway.js';
import { PaymentProfiles, type PaymentProfile } from '../ports/payment-profiles.js';
import { AppliedPaymentEvents, Payments } from '../ports/payments.js';

/** Payments in memory, one per provider reference. */
export class InMemoryPayments extends Payments {
  readonly byId = new Map<PaymentId, PaymentState>();

  async forInvoice(invoiceId: InvoiceId): Promise<Payment[]> {
    return [...this.byId.values()].filter((p) => p.invoiceId === invoiceId).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.id.localeCompare(b.id)).map(Payment.restore);
  }
  async byProviderRef(providerRef: string): Promise<Payment | null> {
    const found = [...this.byId.values()].find((p) => p.providerRef === providerRef);
    return found ? Payment.restore(found) : null;
  }
  async save(payment: Payment): Promise<void> {
    const s = payment.snapshot();
    if (s.providerRef !== null && [...this.byId.values()].some((o) => o.id !== s.id && o.providerRef === s.providerRef)) {
      throw new DomainError('BILLING.PAYMENT_EXISTS', 'conflict', `The provider's payment ${s.providerRef} is recorded already.`);
    }
    this.byId.set(s.id, s);
  }
}

/** The events applied, in memory (the in-memory unit of work runs one unit at a time, so no claim races another). */
export class InMemoryAppliedPaymentEvents extends AppliedPaymentEvents {
  readonly ids = new Set<string>();

  async claim(eventId: string): Promise<boolean> {
    if (this.ids.has(eventId)) return false;
    this.ids.add(eventId);
    return true;
  }
}

/** The accounts' customers at the provider, in memory. */
export class InMemoryPaymentProfiles extends PaymentProfiles {
  readonly byAccount = new Map<BillingAccountId, PaymentProfile>();

  async get(accountId: BillingAccountId): Promise<PaymentProfile | null> {
    const found = this.byAccount.get(accountId);
    return found ? { ...found } : null;
  }
  async save(profile: PaymentProfile): Promise<void> {
    if (this.byAccount.has(profile.accountId)) throw new DomainError('BILLING.PROFILE_EXISTS', 'conflict', 'The account has a customer already.');
    this.byAccount.set(profile.accountId, { ...profile });
  }
}

/**
 * The payment provider in memory: records each call by its idempotency key, answering the same key with the same
 * answer as the provider does; `declining` payment methods are declined and `failNext` makes the next call fail.
 */
export class FakePaymentGateway extends PaymentGateway {
  readonly calls: { kind: string; idempotencyKey: string; amount?: Money }[] = [];
  readonly declining = new Set<string>();
  failNext: Error | null = null;
  private readonly answers = new Map<string, unknown>();
  private seq = 0;

  private keyed<T>(kind: string, key: string, amount: Money | undefined, make: () => T): T {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const seen = this.answers.get(key);
    if (seen !== undefined) return seen as T;
    this.calls.push({ kind, idempotencyKey: key, ...(amount ? { amount } : {}) });
    const answer = make();
    this.answers.set(key, answer);
    return answer;
  }

  async createCustomer(request: CustomerRequest): Promise<string> {
    return this.keyed('customer', request.idempotencyKey, undefined, () => `cus_fake_${++this.seq}`);
  }
  async startCheckout(request: CheckoutRequest): Promise<{ url: string; sessionRef: string }> {
    return this.keyed('checkout', request.idempotencyKey, request.amount, () => {
      const sessionRef = `cs_fake_${++this.seq}`;
      return { url: `https://checkout.example/${sessionRef}`, sessionRef };
    });
  }
  async startCardSetup(request: CardSetupRequest): Promise<{ url: string }> {
    return this.keyed('card_setup', request.idempotencyKey, undefined, () => ({ url: `https://checkout.example/setup_${++this.seq}` }));
  }
  async chargeOffSession(request: OffSessionChargeRequest): Promise<ChargeOutcome> {
    return this.keyed('charge', request.idempotencyKey, request.amount, (): ChargeOutcome => (this.declining.has(request.paymentMethodRef) ? { outcome: 'declined', paymentRef: `pi_fake_${++this.seq}`, reason: 'Your card was declined.' } : { outcome: 'succeeded', paymentRef: `pi_fake_${++this.seq}` }));
  }
  async refund(request: RefundRequest): Promise<{ refundRef: string }> {
    return this.keyed('refund', request.idempotencyKey, request.amount, () => ({ refundRef: `re_fake_${++this.seq}` }));
  }
  async verifyEvent(): Promise<PaymentEvent | IgnoredPaymentEvent> {
    throw new Error('The fake gateway verifies no webhooks: the Stripe adapter is tested against the local Stripe.');
  }
}
