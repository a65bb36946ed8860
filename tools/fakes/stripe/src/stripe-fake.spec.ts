import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeFake, type StripeFake } from './stripe-fake.js';

/** An endpoint that records what the fake posts, answering with the status the test sets. */
interface Endpoint {
  url: string;
  received: { body: string; signature: string }[];
  status: number;
  close(): Promise<void>;
}

async function endpoint(): Promise<Endpoint> {
  const state: Endpoint = { url: '', received: [], status: 200, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']) });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

let fake: StripeFake;
let hook: Endpoint;
let stripe: Stripe;

beforeAll(async () => {
  hook = await endpoint();
  fake = await startStripeFake({ webhookUrl: hook.url });
  stripe = new Stripe('sk_test_cadenza', { ...fake.clientOptions, maxNetworkRetries: 0 });
});
afterAll(async () => {
  await fake.stop();
  await hook.close();
});
beforeEach(() => {
  hook.received.length = 0;
  hook.status = 200;
});

/** The events delivered since the test began, verified with the library's own check. */
async function delivered(): Promise<Stripe.Event[]> {
  await fake.settled();
  return hook.received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, fake.webhookSecret));
}

async function payHostedCheckout(url: string, card: string): Promise<Response> {
  return fetch(`${url}/pay`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `card=${card}`, redirect: 'manual' });
}

describe('the Stripe fake, through the official client', () => {
  it('creates, updates, reads and deletes customers', async () => {
    const created = await stripe.customers.create({ email: 'payer@example.test', name: 'A Payer', metadata: { billingAccountId: 'acc-1' } });
    expect(created).toMatchObject({ object: 'customer', email: 'payer@example.test', metadata: { billingAccountId: 'acc-1' } });
    expect(created.id).toMatch(/^cus_/);
    const updated = await stripe.customers.update(created.id, { name: 'Anonymised', email: '' });
    expect(updated).toMatchObject({ name: 'Anonymised', email: null, metadata: { billingAccountId: 'acc-1' } });
    expect(await stripe.customers.del(created.id)).toMatchObject({ id: created.id, deleted: true });
    await expect(stripe.customers.retrieve(created.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
  });

  it('refuses a request without an API key', async () => {
    const response = await fetch(`${fake.url}/v1/customers`, { method: 'POST' });
    expect(response.status).toBe(401);
  });

  it('answers a repeated idempotency key with the first answer, and refuses it for another request', async () => {
    const first = await stripe.customers.create({ email: 'once@example.test' }, { idempotencyKey: 'customer:acc-2' });
    const again = await stripe.customers.create({ email: 'once@example.test' }, { idempotencyKey: 'customer:acc-2' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.customers.create({ email: 'other@example.test' }, { idempotencyKey: 'customer:acc-2' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    const declined = () => stripe.paymentIntents.create({ amount: 500, currency: 'gbp', payment_method: 'pm_card_chargeDeclined', confirm: true, off_session: true }, { idempotencyKey: 'autopay:inv-9' });
    const error = await declined().catch((e: unknown) => e);
    expect(await declined().catch((e: unknown) => e)).toMatchObject({ type: 'StripeCardError', code: 'card_declined', payment_intent: { id: (error as Stripe.errors.StripeCardError).payment_intent?.id } });
    expect((await delivered()).filter((e) => e.type === 'payment_intent.payment_failed')).toHaveLength(1);
  });

  it('serves a hosted Checkout page whose Pay completes the session and emits signed events', async () => {
    const customer = await stripe.customers.create({ email: 'parent@example.test' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      client_reference_id: 'inv-1',
      metadata: { invoiceId: 'inv-1' },
      payment_intent_data: { metadata: { invoiceId: 'inv-1' } },
      line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 4250, product_data: { name: 'Invoice 7' } } }],
      success_url: 'http://cadenza.test/portal/invoices/inv-1?paid={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://cadenza.test/portal/invoices/inv-1',
    });
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 4250, currency: 'gbp', payment_intent: null });
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('Pay £42.50');

    const declined = await payHostedCheckout(session.url!, '0002');
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('declined');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

    const paid = await payHostedCheckout(session.url!, '4242');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://cadenza.test/portal/invoices/inv-1?paid=${session.id}`);
    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const intent = await stripe.paymentIntents.retrieve(String(completed.payment_intent));
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 4250, customer: customer.id, metadata: { invoiceId: 'inv-1' } });

    const events = await delivered();
    expect(events.map((e) => e.type).filter((t) => t !== 'payment_intent.payment_failed')).toEqual(['payment_intent.succeeded', 'checkout.session.completed']);
    expect(events.find((e) => e.type === 'payment_intent.succeeded')?.data.object).toMatchObject({ id: intent.id, metadata: { invoiceId: 'inv-1' } });
    expect(() => stripe.webhooks.constructEvent(hook.received[0]!.body, hook.received[0]!.signature, 'whsec_someone_else')).toThrow();
  });

  it('saves a card through a setup Checkout and charges it off-session; the declining card fails', async () => {
    const customer = await stripe.customers.create({ email: 'saver@example.test' });
    const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'gbp', customer: customer.id, setup_intent_data: { metadata: { billingAccountId: 'acc-3' } }, success_url: 'http://cadenza.test/done' });
    expect((await payHostedCheckout(session.url!, '4242')).status).toBe(303);
    const saved = (await delivered()).find((e) => e.type === 'setup_intent.succeeded')?.data.object as Stripe.SetupIntent;
    expect(saved).toMatchObject({ customer: customer.id, status: 'succeeded', metadata: { billingAccountId: 'acc-3' } });
    const card = await stripe.paymentMethods.retrieve(String(saved.payment_method));
    expect(card.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const charged = await stripe.paymentIntents.create({ amount: 1200, currency: 'gbp', customer: customer.id, payment_method: card.id, confirm: true, off_session: true, metadata: { invoiceId: 'inv-2' } });
    expect(charged).toMatchObject({ status: 'succeeded', amount_received: 1200 });

    const setup = await stripe.setupIntents.create({ customer: customer.id, usage: 'off_session', payment_method: 'pm_card_chargeDeclined', confirm: true });
    await expect(stripe.paymentIntents.create({ amount: 1200, currency: 'gbp', customer: customer.id, payment_method: String(setup.payment_method), confirm: true, off_session: true })).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
      statusCode: 402,
    });
  });

  it('refunds part and then the rest of a payment, refusing more than was paid, and raises disputes', async () => {
    const paid = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true, metadata: { invoiceId: 'inv-4' } });
    const part = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000 });
    expect(part).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded', payment_intent: paid.id });
    await expect(stripe.refunds.create({ payment_intent: paid.id, amount: 2001 })).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'amount' });
    expect(await stripe.refunds.create({ payment_intent: paid.id })).toMatchObject({ amount: 2000 });
    await expect(stripe.refunds.create({ payment_intent: paid.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    fake.dispute(paid.id);
    const events = await delivered();
    expect(events.filter((e) => e.type === 'charge.refunded').map((e) => (e.data.object as Stripe.Charge).amount_refunded)).toEqual([1000, 3000]);
    expect(events.at(-1)).toMatchObject({ type: 'charge.dispute.created', data: { object: { payment_intent: paid.id, amount: 3000 } } });
  });

  it('retries a delivery the endpoint refused', async () => {
    hook.status = 500;
    const customer = await stripe.customers.create({});
    await stripe.paymentIntents.create({ amount: 100, currency: 'gbp', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    await fake.settled();
    expect(hook.received).toHaveLength(3);
    expect(fake.events.at(-1)?.attempts).toEqual([500, 500, 500]);
  });
});
