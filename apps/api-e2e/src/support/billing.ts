import { randomUUID } from 'node:crypto';
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
