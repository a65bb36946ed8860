import { newId, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import type { PaymentId } from '../model/ids.js';
import { Payment } from '../model/payment.js';
import type { PaymentEvent } from '../model/payment-event.js';
import type { BillingEvents } from '../ports/billing-events.js';
import type { Invoices } from '../ports/invoices.js';
import type { AppliedPaymentEvents, Payments } from '../ports/payments.js';
import { settleInvoice } from './settle-invoice.js';

export type PaymentEventOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies one of the payment provider's events, once: the event's id is claimed in the unit of work that applies it, so
 * a redelivery (or a racing duplicate) changes nothing. Order does not matter: a payment is known by the provider's
 * reference whichever of its events comes first (a refund or a dispute read before the payment itself records the payment
 * from the charge's amount), facts only ever raise what is known, and the invoice's paid amount and status are worked out
 * again from all its payments each time, under the invoice's lock. An event for an invoice the school does not have is
 * recorded as applied and does nothing.
 */
export class ApplyPaymentEvent {
  constructor(
    private readonly invoices: Invoices,
    private readonly payments: Payments,
    private readonly applied: AppliedPaymentEvents,
    private readonly events: BillingEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(event: PaymentEvent): Promise<PaymentEventOutcome> {
    return this.uow.run(async () => {
      if (!(await this.applied.claim(event.id, event.kind))) return 'duplicate';
      if (event.kind === 'payment_failed' || event.kind === 'card_saved') return 'ignored';
      const invoice = await this.invoices.forUpdate(event.invoiceId);
      if (!invoice) return 'ignored';
      const known = await this.payments.byProviderRef(event.paymentRef);
      if (known && known.invoiceId !== invoice.id) return 'ignored';
      const payment = known ?? Payment.record({ id: newId<PaymentId>(), invoiceId: invoice.id, method: 'card', providerRef: event.paymentRef, amount: event.amount, note: null, recordedBy: null, recordedAt: this.clock.now() });
      if (event.kind === 'refunded') payment.refundedAtLeast(event.refunded);
      if (event.kind === 'disputed') payment.disputedAt(event.disputed, event.closed);
      await this.payments.save(payment);
      await settleInvoice(event.schoolId, invoice, { invoices: this.invoices, payments: this.payments, events: this.events, clock: this.clock });
      return 'applied';
    });
  }
}
