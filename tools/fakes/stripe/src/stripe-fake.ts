import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { object, parseFormBody, strings, text, type FormObject } from './form-body.js';
import { checkoutPage } from './checkout-page.js';

/**
 * A local server speaking the part of Stripe's HTTP API that Cadenza calls, for tests, benchmarks and the embedded
 * default: customers, Checkout sessions with a hosted page a browser completes, setup and payment intents (off-session
 * confirmation, with a card that declines), refunds, and disputes raised through a test control. Requests are reached by
 * the official client through its `host`, `port` and `protocol` options; POSTs honour `Idempotency-Key` as Stripe does
 * (the same key and request replay the first answer, another request under the key is an `idempotency_error`); events
 * are posted to the configured endpoint signed with the client's own `webhooks.generateTestHeaderString`.
 */
export interface StripeFakeOptions {
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Where events are posted; null keeps them in `events` only. */
  webhookUrl?: string | null;
  /** The endpoint's signing secret (`whsec_…`). */
  webhookSecret?: string;
  /** Attempts per event before it is given up (Stripe retries for days; tests need a bound). */
  deliveryAttempts?: number;
}

export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeFakeEvent {
  id: string;
  type: string;
  payload: string;
  /** The HTTP statuses the endpoint answered, one per attempt (0: no answer). */
  attempts: number[];
}

/** Test cards on the hosted page and as payment methods: the first succeeds, the second is declined. */
export const TEST_CARDS = {
  '4242': { brand: 'visa', last4: '4242', declines: false },
  '0002': { brand: 'visa', last4: '0002', declines: true },
} as const;
export type TestCard = keyof typeof TEST_CARDS;
/** Stripe's own test payment methods, usable without a Checkout: `pm_card_visa` succeeds, `pm_card_chargeDeclined` declines. */
const TEST_PAYMENT_METHODS: Record<string, TestCard> = { pm_card_visa: '4242', pm_card_chargeDeclined: '0002' };

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body['message']));
  }
}

const invalid = (message: string, param?: string) => new StripeApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}) });
const missing = (kind: string, id: string) => new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param: 'id' });

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

function wholeAmount(form: FormObject, key: string): number {
  const raw = text(form, key);
  if (raw === undefined) throw invalid(`Missing required param: ${key}.`, key);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw invalid(`Invalid positive integer`, key);
  return n;
}

export class StripeFake {
  readonly webhookSecret: string;
  readonly events: StripeFakeEvent[] = [];
  private readonly store = new Map<string, StripeObject>();
  private readonly idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  private readonly charges = new Map<string, { paymentIntent: string; amount: number; refunded: number; currency: string }>();
  private webhookUrl: string | null;
  private deliveryChain: Promise<void> = Promise.resolve();
  private readonly signer = new Stripe('sk_test_fake_signer');
  private server: Server | null = null;
  private address: { host: string; port: number } | null = null;

  constructor(private readonly options: StripeFakeOptions = {}) {
    this.webhookUrl = options.webhookUrl ?? null;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    const info = server.address() as AddressInfo;
    this.address = { host: this.options.host ?? '127.0.0.1', port: info.port };
    return this;
  }

  /** The fake's base URL (the hosted Checkout pages live under it). */
  get url(): string {
    if (!this.address) throw new Error('the Stripe fake is not started');
    return `http://${this.address.host}:${this.address.port}`;
  }

  /** The official client's options that reach this server. */
  get clientOptions(): { host: string; port: number; protocol: 'http' } {
    if (!this.address) throw new Error('the Stripe fake is not started');
    return { host: this.address.host, port: this.address.port, protocol: 'http' };
  }

  setWebhookUrl(url: string | null): void {
    this.webhookUrl = url;
  }

  /** Resolves once every event emitted so far has been delivered or given up. */
  async settled(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.deliveryChain;
      await chain;
    } while (chain !== this.deliveryChain);
  }

  async stop(): Promise<void> {
    await this.settled();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Objects by id, for tests. */
  get<T extends StripeObject = StripeObject>(id: string): T | undefined {
    return this.store.get(id) as T | undefined;
  }

  /** A test control: the payer's bank disputes the payment (`charge.dispute.created`). */
  dispute(paymentIntentId: string): StripeObject {
    const pi = this.require('payment_intent', paymentIntentId);
    const charge = pi['latest_charge'];
    if (typeof charge !== 'string') throw invalid('The payment intent has no charge to dispute.');
    const dispute = this.put({ id: newId('dp'), object: 'dispute', amount: pi['amount'], currency: pi['currency'], charge, payment_intent: pi.id, reason: 'fraudulent', status: 'needs_response', created: now(), livemode: false, metadata: {} });
    this.emit('charge.dispute.created', dispute, null);
    return dispute;
  }

  /** Sends an already emitted event again, as Stripe does when it retries or when asked to resend. */
  resend(eventId: string): void {
    const event = this.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    this.deliver(event);
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname.startsWith('/checkout/')) return this.hostedCheckout(method, url, body, res);
      if (!url.pathname.startsWith('/v1/')) return this.send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}).` } });
      const auth = req.headers.authorization ?? '';
      if (!/^Bearer sk_(test|live)_\S+$/.test(auth)) {
        return this.send(res, 401, { error: { type: 'invalid_request_error', message: 'You did not provide an API key.' } });
      }
      const key = req.headers['idempotency-key'];
      if (method === 'POST' && typeof key === 'string' && key !== '') {
        const scoped = `${auth} ${key}`;
        const fingerprint = createHash('sha256').update(`${method} ${url.pathname}\n${body}`).digest('hex');
        const seen = this.idempotency.get(scoped);
        if (seen) {
          if (seen.fingerprint !== fingerprint) {
            return this.send(res, 400, {
              error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` },
            });
          }
          res.setHeader('Idempotent-Replayed', 'true');
          return this.sendRaw(res, seen.status, seen.body);
        }
        const [status, answer] = this.answer(method, url, body, key);
        const text = JSON.stringify(answer);
        this.idempotency.set(scoped, { fingerprint, status, body: text });
        return this.sendRaw(res, status, text);
      }
      const [status, answer] = this.answer(method, url, body, null);
      return this.send(res, status, answer);
    } catch (error) {
      return this.send(res, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private answer(method: string, url: URL, body: string, idempotencyKey: string | null): [number, unknown] {
    try {
      return [200, this.route(method, url.pathname.slice('/v1/'.length).split('/'), parseFormBody(body), idempotencyKey)];
    } catch (error) {
      if (error instanceof StripeApiError) return [error.status, { error: error.body }];
      throw error;
    }
  }

  private route(method: string, path: string[], form: FormObject, key: string | null): unknown {
    // Checkout's resource has two segments (`checkout/sessions`).
    const [resource, id, action] = path[0] === 'checkout' ? [`checkout/${path[1] ?? ''}`, ...path.slice(2)] : path;
    const route = `${method} ${resource}${id ? '/:id' : ''}${action ? `/${action}` : ''}`;
    switch (route) {
      case 'POST customers':
        return this.put({ id: newId('cus'), object: 'customer', created: now(), livemode: false, email: text(form, 'email') ?? null, name: text(form, 'name') ?? null, metadata: strings(object(form, 'metadata')), invoice_settings: { default_payment_method: null } });
      case 'GET customers/:id':
        return this.require('customer', id ?? '');
      case 'POST customers/:id':
        return this.updateCustomer(id ?? '', form);
      case 'DELETE customers/:id': {
        this.require('customer', id ?? '');
        this.store.delete(id ?? '');
        return { id, object: 'customer', deleted: true };
      }
      case 'POST checkout/sessions':
        return this.createCheckoutSession(form);
      case 'GET checkout/sessions/:id':
        return this.require('checkout.session', id ?? '');
      case 'POST setup_intents':
        return this.createSetupIntent(form, key);
      case 'GET setup_intents/:id':
        return this.require('setup_intent', id ?? '');
      case 'POST payment_intents':
        return this.createPaymentIntent(form, key);
      case 'GET payment_intents/:id':
        return this.require('payment_intent', id ?? '');
      case 'GET payment_methods/:id':
        return this.paymentMethod(id ?? '');
      case 'POST refunds':
        return this.createRefund(form, key);
      case 'GET refunds/:id':
        return this.require('refund', id ?? '');
    }
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: /v1/${path.join('/')}).` });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    this.sendRaw(res, status, JSON.stringify(body));
  }

  private sendRaw(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': newId('req') });
    res.end(body);
  }

  // ---- resources -----------------------------------------------------------------------------

  private put<T extends StripeObject>(value: T): T {
    this.store.set(value.id, value);
    return value;
  }

  private require(kind: string, id: string): StripeObject {
    const found = this.store.get(id);
    if (!found || found.object !== kind) throw missing(kind.replace('.', ' '), id);
    return found;
  }

  private updateCustomer(id: string, form: FormObject): StripeObject {
    const customer = this.require('customer', id);
    const settings = object(form, 'invoice_settings');
    const defaultPm = text(settings, 'default_payment_method');
    if (defaultPm !== undefined) this.paymentMethod(defaultPm);
    return this.put({
      ...customer,
      ...(text(form, 'email') !== undefined ? { email: text(form, 'email') || null } : {}),
      ...(text(form, 'name') !== undefined ? { name: text(form, 'name') || null } : {}),
      metadata: { ...(customer['metadata'] as Record<string, string>), ...strings(object(form, 'metadata')) },
      invoice_settings: defaultPm !== undefined ? { default_payment_method: defaultPm || null } : customer['invoice_settings'],
    });
  }

  private createCheckoutSession(form: FormObject): StripeObject {
    const mode = text(form, 'mode');
    if (mode !== 'payment' && mode !== 'setup') throw invalid('mode must be payment or setup (the fake serves no subscriptions).', 'mode');
    const successUrl = text(form, 'success_url');
    if (!successUrl) throw invalid('Missing required param: success_url.', 'success_url');
    const customer = text(form, 'customer') ?? null;
    if (customer) this.require('customer', customer);
    let amount: number | null = null;
    let currency = text(form, 'currency')?.toLowerCase() ?? null;
    if (mode === 'payment') {
      const items = form['line_items'];
      if (!Array.isArray(items) || items.length === 0) throw invalid('Missing required param: line_items.', 'line_items');
      amount = 0;
      items.forEach((item, i) => {
        const line = typeof item === 'object' && !Array.isArray(item) ? item : {};
        const price = object(line, 'price_data');
        const lineCurrency = text(price, 'currency')?.toLowerCase();
        if (!lineCurrency) throw invalid('Missing required param: line_items[0][price_data][currency].', `line_items[${i}][price_data][currency]`);
        if (currency && currency !== lineCurrency) throw invalid('All line items must share one currency.', `line_items[${i}][price_data][currency]`);
        currency = lineCurrency;
        const quantity = wholeAmount(line, 'quantity');
        amount = (amount ?? 0) + wholeAmount(price, 'unit_amount') * quantity;
      });
    }
    const id = newId('cs_test');
    return this.put({
      id,
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
      amount_subtotal: amount,
      amount_total: amount,
      currency,
      customer,
      client_reference_id: text(form, 'client_reference_id') ?? null,
      metadata: strings(object(form, 'metadata')),
      payment_intent_data: { metadata: strings(object(object(form, 'payment_intent_data'), 'metadata')) },
      setup_intent_data: { metadata: strings(object(object(form, 'setup_intent_data'), 'metadata')) },
      success_url: successUrl,
      cancel_url: text(form, 'cancel_url') ?? null,
      payment_intent: null,
      setup_intent: null,
      url: `${this.url}/checkout/${id}`,
      created: now(),
      expires_at: now() + 24 * 3600,
      livemode: false,
    });
  }

  private newCharge(paymentIntent: string, amount: number, currency: string): string {
    const id = newId('ch');
    this.charges.set(id, { paymentIntent, amount, refunded: 0, currency });
    return id;
  }

  private attachCard(customer: string | null, card: TestCard): StripeObject {
    const { brand, last4 } = TEST_CARDS[card];
    return this.put({ id: newId('pm'), object: 'payment_method', type: 'card', card: { brand, last4, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3 }, customer, created: now(), livemode: false, metadata: {} });
  }

  private paymentMethod(id: string): StripeObject {
    const test = TEST_PAYMENT_METHODS[id];
    if (test) {
      const { brand, last4 } = TEST_CARDS[test];
      return { id, object: 'payment_method', type: 'card', card: { brand, last4, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3 }, customer: null, created: now(), livemode: false, metadata: {} };
    }
    return this.require('payment_method', id);
  }

  private cardOf(paymentMethod: StripeObject): (typeof TEST_CARDS)[TestCard] {
    const last4 = (paymentMethod['card'] as { last4: string }).last4 as TestCard;
    return TEST_CARDS[last4];
  }

  private createSetupIntent(form: FormObject, key: string | null): StripeObject {
    const customer = text(form, 'customer') ?? null;
    if (customer) this.require('customer', customer);
    const pmId = text(form, 'payment_method');
    const confirm = text(form, 'confirm') === 'true';
    const intent = this.put({
      id: newId('seti'),
      object: 'setup_intent',
      customer,
      usage: text(form, 'usage') ?? 'off_session',
      status: 'requires_payment_method',
      payment_method: null as string | null,
      metadata: strings(object(form, 'metadata')),
      client_secret: `${newId('seti')}_secret_${randomBytes(8).toString('hex')}`,
      created: now(),
      livemode: false,
    });
    if (confirm && pmId) {
      const pm = this.paymentMethod(pmId);
      const saved = this.put({ ...pm, id: pm.id.startsWith('pm_card_') ? newId('pm') : pm.id, customer });
      this.put({ ...intent, status: 'succeeded', payment_method: saved.id });
      this.emit('setup_intent.succeeded', this.require('setup_intent', intent.id), key);
    }
    return this.require('setup_intent', intent.id);
  }

  private createPaymentIntent(form: FormObject, key: string | null): StripeObject {
    const amount = wholeAmount(form, 'amount');
    const currency = text(form, 'currency')?.toLowerCase();
    if (!currency) throw invalid('Missing required param: currency.', 'currency');
    const customer = text(form, 'customer') ?? null;
    if (customer) this.require('customer', customer);
    const pmId = text(form, 'payment_method') ?? null;
    const pm = pmId ? this.paymentMethod(pmId) : null;
    if (pm && pm['customer'] && pm['customer'] !== customer) throw invalid(`The payment method ${pmId} belongs to another customer.`, 'payment_method');
    const intent: StripeObject = this.put({
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      customer,
      payment_method: pmId,
      status: pm ? 'requires_confirmation' : 'requires_payment_method',
      latest_charge: null,
      last_payment_error: null,
      metadata: strings(object(form, 'metadata')),
      created: now(),
      livemode: false,
    });
    if (text(form, 'confirm') !== 'true') return intent;
    if (!pm) throw invalid('You cannot confirm this PaymentIntent because it is missing a payment method.', 'payment_method');
    return this.confirmPayment(intent, pm, key);
  }

  private confirmPayment(intent: StripeObject, pm: StripeObject, key: string | null): StripeObject {
    if (this.cardOf(pm).declines) {
      const error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_method: pm };
      const failed = this.put({ ...intent, status: 'requires_payment_method', last_payment_error: error });
      this.emit('payment_intent.payment_failed', failed, key);
      throw new StripeApiError(402, { ...error, payment_intent: failed });
    }
    const amount = intent['amount'] as number;
    const charge = this.newCharge(intent.id, amount, intent['currency'] as string);
    const paid = this.put({ ...intent, status: 'succeeded', amount_received: amount, latest_charge: charge, payment_method: pm.id });
    this.emit('payment_intent.succeeded', paid, key);
    return paid;
  }

  private createRefund(form: FormObject, key: string | null): StripeObject {
    const piId = text(form, 'payment_intent');
    if (!piId) throw invalid('Missing required param: payment_intent.', 'payment_intent');
    const pi = this.require('payment_intent', piId);
    const chargeId = pi['latest_charge'];
    const charge = typeof chargeId === 'string' ? this.charges.get(chargeId) : undefined;
    if (!charge || typeof chargeId !== 'string') throw invalid(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, 'payment_intent');
    const left = charge.amount - charge.refunded;
    const amount = text(form, 'amount') === undefined ? left : wholeAmount(form, 'amount');
    if (left === 0) throw new StripeApiError(400, { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Charge ${chargeId} has already been refunded.` });
    if (amount > left) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount');
    charge.refunded += amount;
    const refund = this.put({ id: newId('re'), object: 'refund', amount, currency: charge.currency, charge: chargeId, payment_intent: piId, status: 'succeeded', reason: text(form, 'reason') ?? null, metadata: strings(object(form, 'metadata')), created: now() });
    this.emit('refund.created', refund, key);
    this.emit('charge.refunded', { id: chargeId, object: 'charge', amount: charge.amount, amount_refunded: charge.refunded, refunded: charge.refunded === charge.amount, currency: charge.currency, payment_intent: piId, metadata: pi['metadata'], created: now(), livemode: false }, key);
    return refund;
  }

  // ---- the hosted Checkout page --------------------------------------------------------------

  private hostedCheckout(method: string, url: URL, body: string, res: ServerResponse): void {
    const [, , id, action] = url.pathname.split('/');
    const session = this.store.get(id ?? '');
    if (!session || session.object !== 'checkout.session') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('No such Checkout session.');
      return;
    }
    if (method === 'GET' && !action) return this.html(res, 200, checkoutPage(session, null));
    if (method === 'POST' && action === 'pay') {
      if (session['status'] !== 'open') return this.redirect(res, this.successUrl(session));
      const card = new URLSearchParams(body).get('card') as TestCard | null;
      if (!card || !(card in TEST_CARDS)) return this.html(res, 400, checkoutPage(session, 'Choose a card.'));
      const customer = (session['customer'] as string | null) ?? null;
      const pm = this.attachCard(customer, card);
      if (session['mode'] === 'setup') {
        const si = this.put({ id: newId('seti'), object: 'setup_intent', customer, usage: 'off_session', status: 'succeeded', payment_method: pm.id, metadata: (session['setup_intent_data'] as { metadata: Record<string, string> }).metadata, client_secret: null, created: now(), livemode: false });
        const done = this.put({ ...session, status: 'complete', setup_intent: si.id });
        this.emit('checkout.session.completed', done, null);
        this.emit('setup_intent.succeeded', si, null);
        return this.redirect(res, this.successUrl(done));
      }
      const intentData = session['payment_intent_data'] as { metadata: Record<string, string> };
      const intent = this.put({ id: newId('pi'), object: 'payment_intent', amount: session['amount_total'], amount_received: 0, currency: session['currency'], customer, payment_method: pm.id, status: 'requires_confirmation', latest_charge: null, last_payment_error: null, metadata: intentData.metadata, created: now(), livemode: false });
      try {
        const paid = this.confirmPayment(intent, pm, null);
        const done = this.put({ ...session, status: 'complete', payment_status: 'paid', payment_intent: paid.id });
        this.emit('checkout.session.completed', done, null);
        return this.redirect(res, this.successUrl(done));
      } catch (error) {
        if (error instanceof StripeApiError) return this.html(res, 402, checkoutPage(session, 'Your card was declined. Try another card.'));
        throw error;
      }
    }
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method not allowed.');
  }

  private successUrl(session: StripeObject): string {
    return String(session['success_url']).replaceAll('{CHECKOUT_SESSION_ID}', session.id);
  }

  private html(res: ServerResponse, status: number, page: string): void {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  }

  private redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { Location: location });
    res.end();
  }

  // ---- events --------------------------------------------------------------------------------

  private emit(type: string, data: Record<string, unknown>, idempotencyKey: string | null): void {
    const id = newId('evt');
    const payload = JSON.stringify({ id, object: 'event', api_version: Stripe.API_VERSION, created: now(), data: { object: data }, livemode: false, pending_webhooks: this.webhookUrl ? 1 : 0, request: { id: newId('req'), idempotency_key: idempotencyKey }, type });
    const event: StripeFakeEvent = { id, type, payload, attempts: [] };
    this.events.push(event);
    this.deliver(event);
  }

  /** Posts the event to the endpoint, in emission order, retrying a failure a few times. */
  private deliver(event: StripeFakeEvent): void {
    const attempts = this.options.deliveryAttempts ?? 3;
    this.deliveryChain = this.deliveryChain.then(async () => {
      for (let attempt = 0; attempt < attempts && this.webhookUrl; attempt++) {
        const status = await this.post(this.webhookUrl, event.payload);
        event.attempts.push(status);
        if (status >= 200 && status < 300) return;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    });
  }

  private async post(url: string, payload: string): Promise<number> {
    const signature = this.signer.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret });
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }, body: payload });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }
}

/** Starts a fake on a free port (or the one given). */
export function startStripeFake(options: StripeFakeOptions = {}): Promise<StripeFake> {
  return new StripeFake(options).start();
}
