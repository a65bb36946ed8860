import { DomainError } from '@cadenza/shared/kernel';
import type { InvoiceId, PaymentId } from '../model/ids.js';
import { Payment, type PaymentState } from '../model/payment.js';
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
