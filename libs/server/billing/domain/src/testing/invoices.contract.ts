import { Money, newId, type UserId } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId, InvoiceLineId } from '../model/ids.js';
import { Invoice } from '../model/invoice.js';
import type { Invoices } from '../ports/invoices.js';

export interface InvoicesContractSubject {
  invoices: Invoices;
  /** Two billing accounts of the school. */
  accountIds: BillingAccountId[];
  /** A student of the school. */
  studentId: UserId;
  /** Runs the work in one unit of work (`forUpdate` holds its row until the unit ends). */
  unit: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The contract of `Invoices`, run against the in-memory fake and the MikroORM adapter. */
export function invoicesContract(name: string, setup: () => Promise<InvoicesContractSubject>): void {
  describe(`Invoices contract: ${name}`, () => {
    let subject: InvoicesContractSubject;
    let made = 0;
    /** Each draft a minute after the one before. */
    const draft = (accountId: BillingAccountId) =>
      Invoice.draft({ id: newId<InvoiceId>(), accountId, currency: 'GBP', period: { from: '2027-01-01', to: '2027-02-01' }, taxBasisPoints: 2000, createdAt: new Date(Date.UTC(2026, 11, 25, 6, made++)) });
    beforeEach(async () => {
      subject = await setup();
    });

    it('keeps an invoice with its lines, its number, dates and payments as the domain left them', async () => {
      const { invoices, accountIds, studentId } = subject;
      const invoice = draft(accountIds[0]);
      invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'lesson', sourceId: newId(), studentId, description: 'Piano, 7 January', amount: Money.of(2500, 'GBP') });
      invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'credit', sourceId: newId(), studentId: null, description: 'Cancelled by the school, 3 December', amount: Money.of(-500, 'GBP') });
      await invoices.save(invoice);
      expect((await invoices.get(invoice.id))?.snapshot()).toEqual(invoice.snapshot());
      invoice.issue(41, new Date('2026-12-25T06:00:00Z'), 14);
      invoice.applyPayment(Money.of(1000, 'GBP'));
      await invoices.save(invoice);
      const kept = await subject.unit(() => invoices.forUpdate(invoice.id));
      expect(kept?.snapshot()).toEqual(invoice.snapshot());
      expect(kept?.status).toBe('partially_paid');
      expect(kept?.total()).toEqual(Money.of(2400, 'GBP'));
      expect(await invoices.get(newId<InvoiceId>())).toBeNull();
    });

    it('lists newest first, by accounts, status and period', async () => {
      const { invoices, accountIds } = subject;
      const first = draft(accountIds[0]);
      const second = draft(accountIds[1]);
      const third = draft(accountIds[0]);
      for (const i of [first, second, third]) {
        i.addLine({ id: newId<InvoiceLineId>(), kind: 'manual', sourceId: newId(), studentId: null, description: 'Exam fee', amount: Money.of(4000, 'GBP') });
        await invoices.save(i);
      }
      third.issue(1, new Date('2026-12-25T06:00:00Z'), 14);
      await invoices.save(third);
      expect((await invoices.list({ accountIds: [accountIds[0]] })).map((i) => i.id)).toEqual([third.id, first.id]);
      expect((await invoices.list({ accountIds: [] })).map((i) => i.id)).toEqual([]);
      expect((await invoices.list({ accountIds: accountIds, status: 'draft' })).map((i) => i.id)).toEqual([second.id, first.id]);
      expect((await invoices.list({ status: 'draft' })).map((i) => i.id)).toEqual([second.id, first.id]);
      expect((await invoices.list({ periodFrom: '2027-01-01' })).map((i) => i.id)).toEqual([third.id, second.id, first.id]);
      expect((await invoices.list({ periodFrom: '2027-02-01' })).map((i) => i.id)).toEqual([]);
    });

    it('refuses a number another invoice of the school has', async () => {
      const { invoices, accountIds } = subject;
      const [a, b] = [draft(accountIds[0]), draft(accountIds[1])];
      for (const i of [a, b]) {
        i.addLine({ id: newId<InvoiceLineId>(), kind: 'manual', sourceId: newId(), studentId: null, description: 'Books', amount: Money.of(1200, 'GBP') });
        i.issue(7, new Date('2026-12-25T06:00:00Z'), 14);
      }
      await invoices.save(a);
      await expect(invoices.save(b)).rejects.toThrow();
      expect((await invoices.get(b.id))).toBeNull();
    });
  });
}
