import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { invoiceState, issuedInvoice, postStripeEvent, stripeEvent } from './support/billing.js';

/**
 * Stripe's webhook end to end on a running api: the raw body's signature verified with the library's own check
 * (unsigned, forged, stale: 400 naming Stripe-Signature, nothing changes), each event applied once however often it
 * comes, and a late payment after its refund never counting twice.
 */
let api: ApiProcess;

beforeAll(async () => {
  api = await startApiProcess({ STRIPE_WEBHOOK_SECRET: 'whsec_e2e_webhook_secret_0123456789' });
}, 240_000);
afterAll(() => api?.stop());

const paymentIntent = (ids: { schoolId: string; invoiceId: string }, ref: string, minor: number, currency: string) => ({ id: ref, object: 'payment_intent', amount: minor, amount_received: minor, currency: currency.toLowerCase(), status: 'succeeded', metadata: ids });

describe('the Stripe webhook', () => {
  it('refuses an unsigned, forged or stale event with a 400 naming Stripe-Signature, and changes nothing', async () => {
    const invoice = await issuedInvoice(api, { totalMinor: 5000 });
    const event = stripeEvent('payment_intent.succeeded', paymentIntent(invoice, 'pi_refused', 5000, invoice.currency));
    const refusals = [
      await postStripeEvent(api, event, { signature: null }),
      await postStripeEvent(api, event, { secret: 'whsec_someone_elses_secret_000' }),
      await postStripeEvent(api, event, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      await postStripeEvent(api, event, { signature: 't=1,v1=deadbeef' }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'BILLING.WEBHOOK_SIGNATURE', errors: [{ field: 'Stripe-Signature' }] });
    }
    expect(await invoiceState(api, invoice.invoiceId)).toEqual({ status: 'issued', paid_minor: 0 });
  });

  it('applies the same payment delivered five times once', async () => {
    const invoice = await issuedInvoice(api, { totalMinor: 5000 });
    const event = stripeEvent('payment_intent.succeeded', paymentIntent(invoice, `pi_${invoice.invoiceId.slice(0, 8)}`, 5000, invoice.currency));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await postStripeEvent(api, event));
    expect(answers.map((a) => [a.status, a.body['outcome']])).toEqual([[200, 'applied'], ...Array(4).fill([200, 'duplicate'])]);
    expect(await invoiceState(api, invoice.invoiceId)).toEqual({ status: 'paid', paid_minor: 5000 });
    const payments = await withClient(api.db.url, async (c) => (await c.query('select count(*)::int as n from billing_payments where invoice_id = $1', [invoice.invoiceId])).rows[0].n);
    expect(payments).toBe(1);
  });

  it('counts a payment whose refund came first once, and ignores a dispute of a payment this Stripe does not have', async () => {
    const invoice = await issuedInvoice(api, { totalMinor: 8000 });
    const ref = `pi_late_${invoice.invoiceId.slice(0, 8)}`;
    const currency = invoice.currency.toLowerCase();
    const refunded = await postStripeEvent(api, stripeEvent('charge.refunded', { id: `ch_${ref}`, object: 'charge', payment_intent: ref, amount: 8000, amount_refunded: 3000, currency, metadata: invoice }));
    expect(refunded.body['outcome']).toBe('applied');
    expect(await invoiceState(api, invoice.invoiceId)).toEqual({ status: 'partially_paid', paid_minor: 5000 });
    await postStripeEvent(api, stripeEvent('payment_intent.succeeded', paymentIntent(invoice, ref, 8000, invoice.currency)));
    expect(await invoiceState(api, invoice.invoiceId)).toEqual({ status: 'partially_paid', paid_minor: 5000 });

    await postStripeEvent(api, stripeEvent('charge.dispute.created', { id: `dp_${ref}`, object: 'dispute', payment_intent: ref, amount: 5000, currency, status: 'needs_response', metadata: {} }));
    // The dispute's payment intent is read from the local Stripe, which does not know this one: nothing is applied.
    expect(await invoiceState(api, invoice.invoiceId)).toEqual({ status: 'partially_paid', paid_minor: 5000 });
  });

  it('acknowledges events that are not billing\'s without applying them', async () => {
    const answer = await postStripeEvent(api, stripeEvent('customer.created', { id: 'cus_1', object: 'customer', metadata: {} }));
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } });
  });
});
