import type Stripe from 'stripe';
import { Money } from '@cadenza/shared/kernel';
import { toPaymentEvent } from './to-payment-event.js';

const meta = { schoolId: 'school-1', invoiceId: 'inv-1', billingAccountId: 'acc-1' };
const event = (type: string, object: Record<string, unknown>) => ({ id: 'evt_1', object: 'event', type, data: { object } }) as unknown as Stripe.Event;

describe('toPaymentEvent', () => {
  it('reads a succeeded or failed payment intent as the invoice\'s payment, in upper-case currency', () => {
    expect(toPaymentEvent(event('payment_intent.succeeded', { id: 'pi_1', amount_received: 900, currency: 'eur', metadata: meta }))).toEqual({
      id: 'evt_1',
      schoolId: 'school-1',
      kind: 'payment_succeeded',
      paymentRef: 'pi_1',
      invoiceId: 'inv-1',
      amount: Money.of(900, 'EUR'),
    });
    expect(toPaymentEvent(event('payment_intent.payment_failed', { id: 'pi_1', metadata: meta, last_payment_error: { message: 'Your card was declined.' } }))).toMatchObject({ kind: 'payment_failed', reason: 'Your card was declined.' });
  });

  it('reads a refunded charge as its cumulative refunded amount, and a dispute as the amount held until won', () => {
    expect(toPaymentEvent(event('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', amount: 900, amount_refunded: 300, currency: 'gbp', metadata: meta }))).toMatchObject({ kind: 'refunded', paymentRef: 'pi_1', amount: Money.of(900, 'GBP'), refunded: Money.of(300, 'GBP') });
    const dispute = (status: string) => event('charge.dispute.updated', { id: 'dp_1', payment_intent: 'pi_1', amount: 900, currency: 'gbp', status, metadata: {} });
    expect(toPaymentEvent(dispute('needs_response'), () => meta)).toMatchObject({ kind: 'disputed', disputed: Money.of(900, 'GBP') });
    expect(toPaymentEvent(dispute('won'), () => meta)).toMatchObject({ kind: 'disputed', disputed: Money.of(0, 'GBP') });
  });

  it('reads a succeeded setup intent as the account\'s saved card', () => {
    expect(toPaymentEvent(event('setup_intent.succeeded', { id: 'seti_1', customer: 'cus_1', payment_method: { id: 'pm_1' }, metadata: meta }))).toMatchObject({ kind: 'card_saved', accountId: 'acc-1', customerRef: 'cus_1', paymentMethodRef: 'pm_1' });
  });

  it('ignores other types and objects without Cadenza\'s metadata', () => {
    expect(toPaymentEvent(event('customer.created', { id: 'cus_1' }))).toEqual({ id: 'evt_1', kind: 'ignored', type: 'customer.created' });
    expect(toPaymentEvent(event('payment_intent.succeeded', { id: 'pi_1', amount_received: 1, currency: 'gbp', metadata: {} }))).toMatchObject({ kind: 'ignored' });
  });
});
