import Stripe from 'stripe';
import { asId, Money, newId } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId } from '@cadenza/server/billing/domain';
import { StripeConfig } from '@cadenza/server/platform/config';
import { startStripeFake, type StripeFake } from '@cadenza/tools/fakes/stripe';
import { StripePaymentGateway } from './stripe-payment-gateway.js';

let fake: StripeFake;
let gateway: StripePaymentGateway;
let stripe: Stripe;
const schoolId = newId();
const accountId = asId<BillingAccountId>(newId());

beforeAll(async () => {
  fake = await startStripeFake();
  gateway = new StripePaymentGateway(new StripeConfig('sk_test_gateway_spec', fake.webhookSecret, fake.url));
  stripe = new Stripe('sk_test_gateway_spec', fake.clientOptions);
});
afterAll(() => fake.stop());

const sign = (payload: string, secret = fake.webhookSecret, timestamp?: number) => stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

/** The events the fake emitted since `from`, verified and translated by the gateway as a webhook would be. */
async function translated(from: number) {
  return Promise.all(fake.events.slice(from).map((e) => gateway.verifyEvent(e.payload, sign(e.payload))));
}

describe('the Stripe payment gateway, on the local fake', () => {
  it('makes one customer per idempotency key', async () => {
    const request = { schoolId, accountId, name: 'The Ruiz family', email: 'payer@example.test', idempotencyKey: `customer:${accountId}` };
    const first = await gateway.createCustomer(request);
    expect(await gateway.createCustomer(request)).toBe(first);
    expect(fake.get(first)).toMatchObject({ email: 'payer@example.test', metadata: { schoolId, billingAccountId: accountId } });
  });

  it('opens a Checkout for an invoice whose payment comes back as that invoice\'s payment, in its currency', async () => {
    const customerRef = await gateway.createCustomer({ schoolId, accountId, name: null, email: null, idempotencyKey: `customer:${accountId}:2` });
    const invoiceId = asId<InvoiceId>(newId());
    const request = { schoolId, accountId, customerRef, invoiceId, description: 'Invoice 12', amount: Money.of(4250, 'GBP'), successUrl: 'http://cadenza.test/ok', cancelUrl: 'http://cadenza.test/back', idempotencyKey: `checkout:${invoiceId}:4250` };
    const session = await gateway.startCheckout(request);
    expect((await gateway.startCheckout(request)).sessionRef).toBe(session.sessionRef);
    const from = fake.events.length;
    const paid = await fetch(`${session.url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '4242' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    await fake.settled();
    const events = await translated(from);
    expect(events.find((e) => e.kind === 'payment_succeeded')).toMatchObject({ schoolId, invoiceId, amount: Money.of(4250, 'GBP') });
    expect(events.find((e) => e.kind === 'ignored')).toMatchObject({ type: 'checkout.session.completed' });
  });

  it('saves a card, charges it off-session once per key, reports a declined card as an outcome, and refunds', async () => {
    const customerRef = await gateway.createCustomer({ schoolId, accountId, name: null, email: null, idempotencyKey: `customer:${accountId}:3` });
    const { url } = await gateway.startCardSetup({ schoolId, accountId, customerRef, currency: 'GBP', successUrl: 'http://cadenza.test/ok', cancelUrl: 'http://cadenza.test/back', idempotencyKey: `card-setup:${accountId}:1` });
    const from = fake.events.length;
    await fetch(`${url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '4242' }), redirect: 'manual' });
    await fake.settled();
    const saved = (await translated(from)).find((e) => e.kind === 'card_saved');
    expect(saved).toMatchObject({ schoolId, accountId, customerRef });
    const paymentMethodRef = saved?.kind === 'card_saved' ? saved.paymentMethodRef : '';

    const invoiceId = asId<InvoiceId>(newId());
    const charge = { schoolId, accountId, customerRef, paymentMethodRef, invoiceId, amount: Money.of(1200, 'GBP'), idempotencyKey: `autopay:${invoiceId}` };
    const first = await gateway.chargeOffSession(charge);
    expect(first).toMatchObject({ outcome: 'succeeded' });
    expect(await gateway.chargeOffSession(charge)).toEqual(first);

    const declined = await gateway.chargeOffSession({ ...charge, paymentMethodRef: 'pm_card_chargeDeclined', idempotencyKey: `autopay:${invoiceId}:declining` });
    expect(declined).toMatchObject({ outcome: 'declined', reason: 'Your card was declined.' });

    const paymentRef = first.outcome === 'succeeded' ? first.paymentRef : '';
    const refundFrom = fake.events.length;
    await gateway.refund({ paymentRef, amount: Money.of(200, 'GBP'), idempotencyKey: 'refund:r1' });
    await gateway.refund({ paymentRef, amount: Money.of(200, 'GBP'), idempotencyKey: 'refund:r1' });
    await expect(gateway.refund({ paymentRef, amount: Money.of(1001, 'GBP'), idempotencyKey: 'refund:r2' })).rejects.toMatchObject({ code: 'BILLING.REFUND_REFUSED', details: { fields: [{ field: 'amount.minor' }] } });
    fake.dispute(paymentRef);
    await fake.settled();
    const after = await translated(refundFrom);
    expect(after.filter((e) => e.kind === 'refunded')).toEqual([expect.objectContaining({ invoiceId, amount: Money.of(1200, 'GBP'), refunded: Money.of(200, 'GBP') })]);
    expect(after.find((e) => e.kind === 'disputed')).toMatchObject({ schoolId, invoiceId, paymentRef, disputed: Money.of(1200, 'GBP') });
  });

  it('refuses an unsigned, forged or stale webhook', async () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: {} } });
    const refused = (p: Promise<unknown>) => expect(p).rejects.toEqual(expect.objectContaining({ name: 'DomainError', kind: 'invalid', code: 'BILLING.WEBHOOK_SIGNATURE' }));
    await refused(gateway.verifyEvent(payload, undefined));
    await refused(gateway.verifyEvent(payload, sign(payload, 'whsec_not_this_endpoint')));
    await refused(gateway.verifyEvent(payload, sign(payload, fake.webhookSecret, Math.floor(Date.now() / 1000) - 301)));
    await refused(gateway.verifyEvent(payload.replace('evt_1', 'evt_2'), sign(payload)));
    expect(await gateway.verifyEvent(payload, sign(payload))).toEqual({ id: 'evt_1', kind: 'ignored', type: 'payment_intent.succeeded' });
  });

  it('is unavailable without a key', async () => {
    const off = new StripePaymentGateway(new StripeConfig(null, null, null));
    await expect(off.createCustomer({ schoolId, accountId, name: null, email: null, idempotencyKey: 'k' })).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
