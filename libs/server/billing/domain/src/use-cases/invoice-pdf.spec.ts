import { Money, newId, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { BillingAccount } from '../model/billing-account.js';
import type { BillingAccountId, InvoiceId, InvoiceLineId } from '../model/ids.js';
import { Invoice } from '../model/invoice.js';
import { billingWorld } from '../testing/billing-world.js';

/** The Parkers' issued invoice of two lessons and a credit, with 20 % tax, £30 of it paid; the Lees' a draft. */
async function school() {
  const world = billingWorld({ now: '2026-12-25T06:00:00Z' });
  const { ports, people, schoolId } = world;
  const person = (roles: string[]): Actor => ({ userId: newId<UserId>(), schoolId, roles });
  const [payer, viewer, stranger] = [person(['parent']), person(['parent']), person(['parent'])];
  const [parkers, lees] = [newId<FamilyId>(), newId<FamilyId>()];
  ports.directory.schoolFamilies.push({ familyId: parkers, name: 'Parker', payerId: payer.userId, studentIds: [] }, { familyId: lees, name: 'Lee', payerId: null, studentIds: [] });
  ports.directory.guardians.set(viewer.userId, [parkers]);
  ports.directory.people.set(payer.userId, { id: payer.userId, name: 'Priya Parker', email: 'priya@example.com' });
  await world.useCases.updateSettings.execute(people.admin, { taxBasisPoints: 2000, invoiceAddress: '1 Music Lane\n\nLondon N1 1AA', paymentInstructions: 'Bank transfer: sort code 00-11-22, account 12345678.' });
  const accounts = [BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: parkers, payerId: payer.userId, studentIds: [] }), BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: lees, payerId: null, studentIds: [] })];
  const invoices: Invoice[] = [];
  for (const account of accounts) {
    await ports.accounts.save(account);
    const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId: account.id, currency: 'GBP', period: { from: '2027-01-01', to: '2027-02-01' }, taxBasisPoints: 2000, createdAt: ports.clock.now() });
    for (const [description, minor] of [['Piano, 2027-01-07', 2500], ['Piano, 2027-01-14', 2500], ['Credit: Piano, 2026-12-10, not taken', -1000]] as const) {
      invoice.addLine({ id: newId<InvoiceLineId>(), kind: minor < 0 ? 'credit' : 'lesson', sourceId: newId(), studentId: null, description, amount: Money.of(minor, 'GBP') });
    }
    await ports.invoices.save(invoice);
    invoices.push(invoice);
  }
  await world.useCases.issueInvoice.execute(people.admin, invoices[0].id);
  const issued = (await ports.invoices.get(invoices[0].id))!;
  issued.applyPayment(Money.of(3000, 'GBP'));
  await ports.invoices.save(issued);
  return { ...world, who: { payer, viewer, stranger }, invoices };
}

describe('an invoice’s PDF', () => {
  it('says who issues it and to whom, its number, dates, lines, tax, totals, what is paid and open, and how to pay', async () => {
    const { useCases, who, invoices } = await school();
    const { fileName, document, pdf } = await useCases.getInvoicePdf.execute(who.payer, invoices[0].id);
    expect(fileName).toBe('invoice-1.pdf');
    expect(document).toMatchObject({
      school: { name: 'Cadenza Music School', address: ['1 Music Lane', 'London N1 1AA'] },
      number: 1,
      status: 'partially_paid',
      issuedOn: '2026-12-25',
      dueOn: '2027-01-08',
      periodLabel: '2027-01-01 to 2027-01-31',
      billTo: { name: 'Priya Parker', lines: ['Family: Parker', 'priya@example.com'] },
      subtotal: { minor: 4000 },
      taxBasisPoints: 2000,
      tax: { minor: 800 },
      total: { minor: 4800 },
      paid: { minor: 3000 },
      open: { minor: 1800 },
      paymentInstructions: ['Pay online from the Invoices page of the family portal.', 'Bank transfer: sort code 00-11-22, account 12345678.', 'Please quote invoice number 1 with your payment.'],
    });
    expect(document.lines.map((l) => [l.description, l.amount.minor])).toEqual([['Piano, 2027-01-07', 2500], ['Piano, 2027-01-14', 2500], ['Credit: Piano, 2026-12-10, not taken', -1000]]);
    expect(new TextDecoder().decode(pdf)).toContain('Invoice 1 (partially_paid)');
  });

  it('a draft is addressed to the family without a payer and named by its id; the PDF follows the invoice’s readers, anyone else 404', async () => {
    const { useCases, people, who, invoices } = await school();
    const draft = await useCases.getInvoicePdf.execute(people.admin, invoices[1].id);
    expect(draft).toMatchObject({ fileName: `invoice-draft-${invoices[1].id}.pdf`, document: { number: null, status: 'draft', billTo: { name: 'Lee', lines: [] }, issuedOn: null, open: { minor: 0 } } });
    expect((await useCases.getInvoicePdf.execute(who.viewer, invoices[0].id)).fileName).toBe('invoice-1.pdf');
    for (const [actor, id] of [[who.viewer, invoices[1].id], [who.stranger, invoices[0].id], [people.teacher, invoices[0].id], [people.admin, newId<InvoiceId>()]] as const) {
      await expect(useCases.getInvoicePdf.execute(actor, id)).rejects.toMatchObject({ kind: 'not_found', code: 'BILLING.INVOICE_NOT_FOUND' });
    }
  });
});
