import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { draftInvoiceFor, familyOf, issue } from './support/billing.js';
import { demo, signedIn, type Client } from './support/client.js';
import { sleep } from './support/waiting.js';

/**
 * Paying an invoice end to end on a running api with its embedded Stripe fake: an admin records part in cash (bad
 * amounts refused naming the field, nothing written), the parent pays the rest through the fake's hosted checkout,
 * whose events come back through the signed webhook and mark the invoice paid; an admin refunds part of the card
 * payment through Stripe, more than is left being refused, and the refund's own webhook counts it once.
 */
let api: ApiProcess;
let admin: Client;
let parent: Client;
let invoiceId: string;

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  parent = await signedIn(api.url, demo('parent1'));
  const schoolId = (await admin.get('/api/v1/me')).body.school.id as string;
  const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
  const family = await familyOf(admin, users.find((u) => u.email === demo('parent1'))!.id);
  ({ invoiceId } = await draftInvoiceFor(api, schoolId, family));
  await issue(api, invoiceId);
}, 240_000);
afterAll(() => api?.stop());

async function invoice(): Promise<{ status: string; paid: { minor: number }; open: { minor: number } }> {
  return (await admin.get(`/api/v1/invoices/${invoiceId}`)).body;
}

/** Waits for the invoice to reach `status` (the webhook comes a moment after the payer is back). */
async function until(status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await invoice()).status === status) return;
    await sleep(100);
  }
  throw new Error(`invoice ${invoiceId} never became ${status}: ${JSON.stringify(await invoice())}`);
}

describe('paying an invoice', () => {
  it('refuses bad manual payments naming the field and records part in cash', async () => {
    const bad: [unknown, string][] = [
      [{ method: 'cash', amount: { minor: 0, currency: 'GBP' } }, 'amount.minor'],
      [{ method: 'cash', amount: { minor: -100, currency: 'GBP' } }, 'amount.minor'],
      [{ method: 'cash', amount: { minor: 10.5, currency: 'GBP' } }, 'amount.minor'],
      [{ method: 'cash', amount: { minor: 100, currency: 'EUR' } }, 'amount.currency'],
      [{ method: 'cash', amount: { minor: 2501, currency: 'GBP' } }, 'amount.minor'],
      [{ method: 'card', amount: { minor: 100, currency: 'GBP' } }, 'method'],
    ];
    for (const [body, field] of bad) {
      const reply = await admin.post(`/api/v1/invoices/${invoiceId}/payments`, body);
      expect({ status: reply.status, field: reply.body.errors?.[0]?.field }).toEqual({ status: 400, field });
    }
    expect(await invoice()).toMatchObject({ status: 'issued', paid: { minor: 0 } });
    const cash = await admin.post(`/api/v1/invoices/${invoiceId}/payments`, { method: 'cash', amount: { minor: 1000, currency: 'GBP' }, note: 'At the desk' });
    expect(cash.status).toBe(201);
    expect(cash.body).toMatchObject({ method: 'cash', amount: { minor: 1000 }, net: { minor: 1000 }, note: 'At the desk' });
    expect(await invoice()).toMatchObject({ status: 'partially_paid', paid: { minor: 1000 }, open: { minor: 1500 } });
  });

  it('lets the parent pay what is open through the hosted checkout; the webhook marks the invoice paid', async () => {
    const checkout = await parent.post(`/api/v1/invoices/${invoiceId}/checkout`);
    expect(checkout.status).toBe(201);
    const page = await (await fetch(checkout.body.url)).text();
    expect(page).toContain('Pay £15.00');
    const declined = await fetch(`${checkout.body.url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '0002' }), redirect: 'manual' });
    expect(declined.status).toBe(402);
    const paid = await fetch(`${checkout.body.url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '4242' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${api.url}/invoices/${invoiceId}?checkout=done`);
    await until('paid');
    expect(await invoice()).toMatchObject({ paid: { minor: 2500 }, open: { minor: 0 } });
    const payments = (await parent.get(`/api/v1/invoices/${invoiceId}/payments`)).body as { method: string; amount: { minor: number } }[];
    expect(payments.map((p) => [p.method, p.amount.minor])).toEqual([
      ['cash', 1000],
      ['card', 1500],
    ]);
    expect((await parent.post(`/api/v1/invoices/${invoiceId}/checkout`)).body.code).toBe('BILLING.INVOICE_NOT_OPEN');
  });

  it('refunds part of the card payment through Stripe once, refusing more than is left', async () => {
    const card = ((await admin.get(`/api/v1/invoices/${invoiceId}/payments`)).body as { id: string; method: string }[]).find((p) => p.method === 'card')!;
    const tooMuch = await admin.post(`/api/v1/invoices/${invoiceId}/refunds`, { paymentId: card.id, amount: { minor: 1501, currency: 'GBP' } });
    expect({ status: tooMuch.status, code: tooMuch.body.code, field: tooMuch.body.errors[0].field }).toEqual({ status: 400, code: 'BILLING.REFUND_TOO_LARGE', field: 'amount.minor' });
    const refunded = await admin.post(`/api/v1/invoices/${invoiceId}/refunds`, { paymentId: card.id, amount: { minor: 500, currency: 'GBP' } });
    expect(refunded.status).toBe(201);
    expect(refunded.body).toMatchObject({ refunded: { minor: 500 }, net: { minor: 1000 } });
    expect(await invoice()).toMatchObject({ status: 'partially_paid', paid: { minor: 2000 } });
    // Stripe's charge.refunded for the same refund arrives on the webhook, is applied, and counts nothing twice (the
    // declined attempt's payment_failed came first and changed nothing).
    const appliedKinds = () => withClient(api.db.url, async (c) => (await c.query<{ kind: string }>('select kind from billing_payment_events order by applied_at')).rows.map((r) => r.kind));
    for (let i = 0; i < 100 && !(await appliedKinds()).includes('refunded'); i++) await sleep(100);
    expect(await appliedKinds()).toEqual(['payment_failed', 'payment_succeeded', 'refunded']);
    expect(await invoice()).toMatchObject({ status: 'partially_paid', paid: { minor: 2000 } });
    const audit = (await admin.get('/api/v1/audit-events?action=billing.payment.refunded')).body.items as unknown[];
    expect(audit).toHaveLength(1);
  });
});
