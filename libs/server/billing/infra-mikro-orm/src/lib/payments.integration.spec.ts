import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { ApplyPaymentEvent, BillingAccount, Invoice, type BillingAccountId, type InvoiceId, type InvoiceLineId, type PaymentEvent } from '@cadenza/server/billing/domain';
import { paymentsContract } from '@cadenza/server/billing/domain/testing';
import { enterSchool, MikroOrmUnitOfWork, OutboxWriter } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase, type SpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { Money, newId, type FamilyId, type SchoolId } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { billingPersistence } from './billing-persistence.module.js';
import { MikroOrmBillingAccounts } from './mikro-orm-billing-accounts.js';
import { MikroOrmInvoices } from './mikro-orm-invoices.js';
import { MikroOrmPayments } from './mikro-orm-payments.js';
import { OutboxBillingEvents } from './outbox-billing-events.js';
import { PostgresAppliedPaymentEvents } from './postgres-applied-payment-events.js';

const parts = contextSpecParts(billingPersistence);
const gbp = (minor: number) => Money.of(minor, 'GBP');

/** A fresh school with one family account and `totals.length` issued invoices of those totals; and a way to run work as a request would. */
async function schoolWithInvoices(db: SpecDatabase, totals: number[]) {
  const { em, schoolId, userIds } = await freshSchool(db.orm, 2);
  const accountId = newId<BillingAccountId>();
  await new MikroOrmBillingAccounts(em).save(BillingAccount.forFamily({ id: accountId, familyId: newId<FamilyId>(), payerId: userIds[0], studentIds: [userIds[1]] }));
  const invoices = new MikroOrmInvoices(em);
  const ids: InvoiceId[] = [];
  for (const [i, minor] of totals.entries()) {
    const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId, currency: 'GBP', period: null, taxBasisPoints: 0, createdAt: new Date('2026-12-20T00:00:00Z') });
    invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'manual', sourceId: newId(), studentId: null, description: 'Lessons', amount: gbp(minor) });
    invoice.issue(i + 1, new Date('2026-12-20T00:00:00Z'), 14);
    await invoices.save(invoice);
    ids.push(invoice.id);
  }
  const inRequest = <T>(work: () => Promise<T>): Promise<T> =>
    RequestContext.create(db.orm.em, () => {
      enterSchool(db.orm.em, schoolId);
      return new MikroOrmUnitOfWork(db.orm.em).run(work);
    });
  return { schoolId, invoiceIds: ids, inRequest };
}

/** The use case on the adapters, each delivery in a request context of its own, as the webhook runs it. */
function applying(orm: MikroORM, schoolId: SchoolId) {
  const em = orm.em;
  const useCase = new ApplyPaymentEvent(new MikroOrmInvoices(em), new MikroOrmPayments(em), new PostgresAppliedPaymentEvents(em), new OutboxBillingEvents(new OutboxWriter(em)), new MikroOrmUnitOfWork(em), new FixedClock('2026-12-25T06:00:00Z'));
  return (event: PaymentEvent) =>
    RequestContext.create(em, () => {
      enterSchool(em, schoolId);
      return useCase.execute(event);
    });
}

describe('payments on PostgreSQL', () => {
  const db = useSpecDatabase(parts);

  paymentsContract('MikroORM adapter', async () => {
    const { invoiceIds, inRequest } = await schoolWithInvoices(db, [10_000]);
    return { payments: new MikroOrmPayments(db.orm.em), applied: new PostgresAppliedPaymentEvents(db.orm.em), invoiceId: invoiceIds[0]!, inUnit: inRequest };
  });

  it('applies the same event delivered five times at once exactly once', async () => {
    const { schoolId, invoiceIds } = await schoolWithInvoices(db, [10_000]);
    const apply = applying(db.orm, schoolId);
    const event: PaymentEvent = { id: `evt_${newId()}`, schoolId, kind: 'payment_succeeded', paymentRef: `pi_${newId()}`, invoiceId: invoiceIds[0]!, amount: gbp(4000) };
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => apply(event)));
    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await withClient(db.url, async (client) => {
      const { rows } = await client.query('select status, paid_minor from billing_invoices where id = $1', [invoiceIds[0]]);
      expect(rows).toEqual([{ status: 'partially_paid', paid_minor: 4000 }]);
      const counted = await client.query('select count(*)::int as n from billing_payments where invoice_id = $1', [invoiceIds[0]]);
      expect(counted.rows[0].n).toBe(1);
    });
  });

  it('ends 200 events delivered shuffled and concurrently, a third of them twice, as the same events applied once in order', async () => {
    const totals = [4000, 5200, 6100, 7000, 8300];
    const shuffledSchool = await schoolWithInvoices(db, totals);
    const inOrderSchool = await schoolWithInvoices(db, totals);
    const events = (school: { schoolId: SchoolId; invoiceIds: InvoiceId[] }) => {
      const out: PaymentEvent[] = [];
      for (let p = 0; out.length < 200; p++) {
        const invoiceId = school.invoiceIds[p % totals.length]!;
        const paymentRef = `pi_${school.schoolId}_${p}`;
        const amount = gbp(900 + (p % 5) * 100);
        const base = { schoolId: school.schoolId, paymentRef, invoiceId };
        out.push({ ...base, id: `evt_${newId()}`, kind: 'payment_succeeded', amount });
        if (p % 2 === 0) out.push({ ...base, id: `evt_${newId()}`, kind: 'refunded', amount, refunded: gbp(200) });
        if (p % 3 === 0) out.push({ ...base, id: `evt_${newId()}`, kind: 'refunded', amount, refunded: gbp(450) });
        if (p % 7 === 0) out.push({ ...base, id: `evt_${newId()}`, kind: 'disputed', amount, disputed: gbp(300), closed: false });
      }
      return out.slice(0, 200);
    };
    const inOrder = applying(db.orm, inOrderSchool.schoolId);
    for (const event of events(inOrderSchool)) await inOrder(event);

    const mine = events(shuffledSchool);
    const deliveries = [...mine, ...mine.filter((_, i) => i % 3 === 0)];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = (i * 7919 + 13) % (i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    const apply = applying(db.orm, shuffledSchool.schoolId);
    const outcomes: string[] = [];
    // Eight deliveries at a time, as a busy endpoint takes them.
    for (let i = 0; i < deliveries.length; i += 8) outcomes.push(...(await Promise.all(deliveries.slice(i, i + 8).map(apply))));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(200);

    await withClient(db.url, async (client) => {
      const state = async (ids: InvoiceId[]) => (await client.query('select status, paid_minor from billing_invoices where id = any($1::uuid[]) order by number', [ids])).rows;
      const expected = await state(inOrderSchool.invoiceIds);
      expect(await state(shuffledSchool.invoiceIds)).toEqual(expected);
      expect(expected.some((r: { status: string }) => r.status === 'paid')).toBe(true);
      const applied = await client.query('select count(*)::int as n from billing_payment_events where school_id = $1', [shuffledSchool.schoolId]);
      expect(applied.rows[0].n).toBe(200);
    });
  });
});
