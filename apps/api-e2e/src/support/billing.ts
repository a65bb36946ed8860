import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { withClient, type ApiProcess } from '@cadenza/server/testing';
import type { Client } from './client.js';

export interface DemoFamily {
  id: string;
  name: string;
  guardians: { userId: string }[];
  children: { userId: string }[];
}

/** The demo family whose guardian is the person (by id). */
export async function familyOf(admin: Client, guardianId: string): Promise<DemoFamily> {
  const families = (await admin.get('/api/v1/families')).body as DemoFamily[];
  const family = families.find((f) => f.guardians.some((g) => g.userId === guardianId));
  if (!family) throw new Error(`no demo family has guardian ${guardianId}`);
  return family;
}

/**
 * A billing account for the family with one draft invoice of a lesson line, written straight into the api's
 * database: the reads' fixture, which does not depend on a billing run. Returns the invoice's and account's ids.
 */
export async function draftInvoiceFor(api: ApiProcess, schoolId: string, family: DemoFamily): Promise<{ accountId: string; invoiceId: string }> {
  const invoiceId = randomUUID();
  const accountId = await withClient(api.db.url, async (db) => {
    await db.query(
      `insert into billing_accounts (id, school_id, family_id, payer_id, student_ids) values ($1, $2, $3, null, $4::uuid[])
       on conflict (school_id, family_id) where family_id is not null do nothing`,
      [randomUUID(), schoolId, family.id, family.children.map((c) => c.userId)],
    );
    const { rows } = await db.query<{ id: string }>('select id from billing_accounts where school_id = $1 and family_id = $2', [schoolId, family.id]);
    const account = rows[0]?.id;
    if (!account) throw new Error(`no billing account for family ${family.id}`);
    await db.query(`insert into billing_invoices (id, school_id, account_id, period_from, period_to, currency, status, tax_basis_points, created_at) values ($1, $2, $3, '2026-01-01', '2026-02-01', 'GBP', 'draft', 0, now())`, [invoiceId, schoolId, account]);
    await db.query(`insert into billing_invoice_lines (id, school_id, invoice_id, position, kind, source_id, description, amount_minor, currency) values ($1, $2, $3, 0, 'lesson', $4, 'Piano, 30 minutes', 2500, 'GBP')`, [randomUUID(), schoolId, invoiceId, randomUUID()]);
    return account;
  });
  return { accountId, invoiceId };
}

/**
 * An issued invoice of the demo school, written straight into billing's tables (the billing run that issues invoices
 * is not what these suites test): a billing account of a family and an invoice of `totalMinor` in the school's
 * currency, issued now and due in 14 days, numbered far above anything the demo holds.
 */
export async function issuedInvoice(api: ApiProcess, options: { totalMinor: number; familyId?: string; payerId?: string | null; number?: number }): Promise<{ invoiceId: string; accountId: string; schoolId: string; currency: string }> {
  return withClient(api.db.url, async (client) => {
    const school = (await client.query<{ id: string; currency: string }>(`select id, currency from schools where slug = 'demo'`)).rows[0];
    if (!school) throw new Error('no demo school');
    const familyId = options.familyId ?? randomUUID();
    const existing = (await client.query<{ id: string }>('select id from billing_accounts where school_id = $1 and family_id = $2', [school.id, familyId])).rows[0];
    const accountId = existing?.id ?? randomUUID();
    if (!existing) {
      await client.query('insert into billing_accounts (id, school_id, family_id, payer_id, student_ids) values ($1, $2, $3, $4, $5)', [accountId, school.id, familyId, options.payerId ?? null, []]);
    }
    const invoiceId = randomUUID();
    const number = options.number ?? 100_000 + Math.floor(Math.random() * 800_000);
    await client.query(
      `insert into billing_invoices (id, school_id, account_id, currency, status, number, tax_basis_points, issued_at, due_at, created_at)
       values ($1, $2, $3, $4, 'issued', $5, 0, now(), now() + interval '14 days', now())`,
      [invoiceId, school.id, accountId, school.currency, number],
    );
    await client.query(
      `insert into billing_invoice_lines (id, school_id, invoice_id, position, kind, source_id, description, amount_minor, currency) values ($1, $2, $3, 0, 'manual', $4, 'Lessons', $5, $6)`,
      [randomUUID(), school.id, invoiceId, randomUUID(), options.totalMinor, school.currency],
    );
    return { invoiceId, accountId, schoolId: school.id, currency: school.currency };
  });
}

/** The invoice's status and paid amount as the database holds them. */
export async function invoiceState(api: ApiProcess, invoiceId: string): Promise<{ status: string; paid_minor: number }> {
  return withClient(api.db.url, async (client) => (await client.query('select status, paid_minor from billing_invoices where id = $1', [invoiceId])).rows[0]);
}

const signer = new Stripe('sk_test_e2e_signer');

/** Posts a Stripe event to the api's webhook, signed with `secret` (at `timestamp`, default now) as Stripe signs. */
export async function postStripeEvent(api: ApiProcess, event: object, options: { secret?: string; timestamp?: number; signature?: string | null } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(event);
  const secret = options.secret ?? api.env['STRIPE_WEBHOOK_SECRET'] ?? '';
  const signature = options.signature === undefined ? signer.webhooks.generateTestHeaderString({ payload, secret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) }) : options.signature;
  const response = await fetch(`${api.url}/api/v1/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', ...(signature ? { 'Stripe-Signature': signature } : {}) }, body: payload });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A Stripe event of `type` about `object`, as Stripe posts it. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${randomUUID().replaceAll('-', '')}`): object {
  return { id, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}

/** Issues a draft the fixtures wrote: numbered far above anything the demo holds, due in 14 days. */
export async function issue(api: ApiProcess, invoiceId: string): Promise<void> {
  await withClient(api.db.url, (client) =>
    client.query(`update billing_invoices set status = 'issued', number = $2, issued_at = now(), due_at = now() + interval '14 days' where id = $1`, [invoiceId, 100_000 + Math.floor(Math.random() * 800_000)]),
  );
}
