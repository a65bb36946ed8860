import type Stripe from 'stripe';
import { asId, Money } from '@cadenza/shared/kernel';
import type { BillingAccountId, IgnoredPaymentEvent, InvoiceId, PaymentEvent } from '@cadenza/server/billing/domain';

/** The metadata Cadenza puts on every Stripe object it makes, so an event leads back to its school and invoice or account. */
export interface CadenzaMetadata {
  schoolId?: string;
  invoiceId?: string;
  billingAccountId?: string;
}

const money = (minor: number, currency: string) => Money.of(minor, currency.toUpperCase());
const ref = (value: string | { id: string } | null | undefined): string | null => (typeof value === 'string' ? value : (value?.id ?? null));

/**
 * Translates a verified Stripe event into billing's words. `metadataOf` gives the Cadenza metadata of the payment intent
 * an object belongs to when the object does not carry it (a dispute has metadata of its own). Anything billing does not
 * act on, or that another application made (no Cadenza metadata), is `ignored`.
 */
export function toPaymentEvent(event: Stripe.Event, metadataOf: (object: { metadata?: Stripe.Metadata | null }) => CadenzaMetadata = (o) => o.metadata ?? {}): PaymentEvent | IgnoredPaymentEvent {
  const ignored: IgnoredPaymentEvent = { id: event.id, kind: 'ignored', type: event.type };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object;
      const { schoolId, invoiceId } = metadataOf(pi);
      if (!schoolId || !invoiceId) return ignored;
      return { id: event.id, schoolId, kind: 'payment_succeeded', paymentRef: pi.id, invoiceId: asId<InvoiceId>(invoiceId), amount: money(pi.amount_received, pi.currency) };
    }
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const { schoolId, invoiceId } = metadataOf(pi);
      if (!schoolId || !invoiceId) return ignored;
      return { id: event.id, schoolId, kind: 'payment_failed', paymentRef: pi.id, invoiceId: asId<InvoiceId>(invoiceId), reason: pi.last_payment_error?.message ?? 'The payment failed.' };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const paymentRef = ref(charge.payment_intent);
      const { schoolId, invoiceId } = metadataOf(charge);
      if (!paymentRef || !schoolId || !invoiceId) return ignored;
      return { id: event.id, schoolId, kind: 'refunded', paymentRef, invoiceId: asId<InvoiceId>(invoiceId), amount: money(charge.amount, charge.currency), refunded: money(charge.amount_refunded, charge.currency) };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const paymentRef = ref(dispute.payment_intent);
      if (!paymentRef) return ignored;
      const { schoolId, invoiceId } = metadataOf(dispute);
      if (!schoolId || !invoiceId) return ignored;
      // A dispute the school won gives the money back; one lost or still open holds it.
      const held = dispute.status === 'won' || dispute.status === 'warning_closed' ? 0 : dispute.amount;
      return { id: event.id, schoolId, kind: 'disputed', paymentRef, invoiceId: asId<InvoiceId>(invoiceId), amount: money(dispute.amount, dispute.currency), disputed: money(held, dispute.currency), closed: ['won', 'lost', 'warning_closed'].includes(dispute.status) };
    }
    case 'setup_intent.succeeded': {
      const si = event.data.object;
      const { schoolId, billingAccountId } = metadataOf(si);
      const customerRef = ref(si.customer);
      const paymentMethodRef = ref(si.payment_method);
      if (!schoolId || !billingAccountId || !customerRef || !paymentMethodRef) return ignored;
      return { id: event.id, schoolId, kind: 'card_saved', accountId: asId<BillingAccountId>(billingAccountId), customerRef, paymentMethodRef };
    }
    default:
      return ignored;
  }
}
