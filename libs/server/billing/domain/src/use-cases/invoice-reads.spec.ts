import { Money, newId, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { BillingAccount } from '../model/billing-account.js';
import type { BillingAccountId, InvoiceId, InvoiceLineId } from '../model/ids.js';
import { Invoice } from '../model/invoice.js';
import { billingWorld } from '../testing/billing-world.js';

/** Two families and an adult student paying for themself, each with an invoice; a guardian with view access in the first. */
async function invoicedSchool() {
  const world = billingWorld();
  const { ports, people, schoolId } = world;
  const person = (roles: string[]): Actor => ({ userId: newId<UserId>(), schoolId, roles });
  const [payer, viewer, otherPayer, adult, stranger] = [person(['parent']), person(['parent']), person(['parent']), person(['student']), person(['parent'])];
  const [parkers, lees] = [newId<FamilyId>(), newId<FamilyId>()];
  ports.directory.schoolFamilies.push({ familyId: parkers, name: 'Parker family', payerId: payer.userId, studentIds: [newId<UserId>()] }, { familyId: lees, name: 'Lee family', payerId: otherPayer.userId, studentIds: [newId<UserId>()] });
  ports.directory.guardians.set(payer.userId, [parkers]);
  ports.directory.guardians.set(viewer.userId, [parkers]);
  ports.directory.guardians.set(otherPayer.userId, [lees]);
  const accounts = [
    BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: parkers, payerId: payer.userId, studentIds: [] }),
    BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: lees, payerId: otherPayer.userId, studentIds: [] }),
    BillingAccount.forAdultStudent({ id: newId<BillingAccountId>(), studentId: adult.userId }),
  ];
  const invoices: Invoice[] = [];
  for (const [i, account] of accounts.entries()) {
    await ports.accounts.save(account);
    const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId: account.id, currency: 'GBP', period: { from: i === 2 ? '2027-02-01' : '2027-01-01', to: '2027-03-01' }, taxBasisPoints: 0, createdAt: new Date(Date.UTC(2026, 11, 25, 6, i)) });
    invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'lesson', sourceId: newId(), studentId: null, description: 'Piano', amount: Money.of(2500 + i, 'GBP') });
    await ports.invoices.save(invoice);
    invoices.push(invoice);
  }
  await world.useCases.issueInvoice.execute(people.admin, invoices[1].id);
  return { ...world, who: { payer, viewer, otherPayer, adult, stranger }, families: { parkers, lees }, accounts, invoices };
}

describe('reading invoices and accounts', () => {
  it('admins read every invoice, filtered by status, family and period, with the family’s name', async () => {
    const { useCases, people, invoices, families } = await invoicedSchool();
    const all = await useCases.listInvoices.execute(people.admin, {});
    expect(all.invoices.map((i) => i.id)).toEqual([invoices[2].id, invoices[1].id, invoices[0].id]);
    expect(all.accounts.get(invoices[0].accountId)?.familyName).toBe('Parker family');
    expect((await useCases.listInvoices.execute(people.admin, { status: 'issued' })).invoices.map((i) => i.id)).toEqual([invoices[1].id]);
    expect((await useCases.listInvoices.execute(people.admin, { familyId: families.lees })).invoices.map((i) => i.id)).toEqual([invoices[1].id]);
    expect((await useCases.listInvoices.execute(people.admin, { periodFrom: '2027-02-01' })).invoices.map((i) => i.id)).toEqual([invoices[2].id]);
    expect((await useCases.getInvoice.execute(people.admin, invoices[1].id)).invoice.number).toBe(1);
    expect((await useCases.listAccounts.execute(people.admin)).map((a) => a.familyName)).toEqual([null, 'Lee family', 'Parker family']);
  });

  it('a guardian reads their family’s, whatever their access; a payer their own; anyone else nothing, and 404 by id', async () => {
    const { useCases, people, who, invoices, accounts } = await invoicedSchool();
    const listed = async (actor: Actor) => (await useCases.listInvoices.execute(actor, {})).invoices.map((i) => i.id);
    expect(await listed(who.payer)).toEqual([invoices[0].id]);
    expect(await listed(who.viewer)).toEqual([invoices[0].id]);
    expect(await listed(who.otherPayer)).toEqual([invoices[1].id]);
    expect(await listed(who.adult)).toEqual([invoices[2].id]);
    for (const actor of [who.stranger, people.teacher, people.student]) expect(await listed(actor)).toEqual([]);
    expect((await useCases.getInvoice.execute(who.viewer, invoices[0].id)).account.familyName).toBe('Parker family');
    for (const [actor, invoice] of [[who.viewer, invoices[1]], [who.payer, invoices[2]], [who.adult, invoices[0]], [who.stranger, invoices[0]], [people.teacher, invoices[0]]] as const) {
      await expect(useCases.getInvoice.execute(actor, invoice.id)).rejects.toMatchObject({ kind: 'not_found', code: 'BILLING.INVOICE_NOT_FOUND' });
    }
    await expect(useCases.getInvoice.execute(people.admin, newId<InvoiceId>())).rejects.toMatchObject({ kind: 'not_found' });
    expect((await useCases.listAccounts.execute(who.viewer)).map((a) => a.account.id)).toEqual([accounts[0].id]);
    expect((await useCases.getAccount.execute(who.adult, accounts[2].id)).account.id).toBe(accounts[2].id);
    await expect(useCases.getAccount.execute(who.adult, accounts[0].id)).rejects.toMatchObject({ kind: 'not_found', code: 'BILLING.ACCOUNT_NOT_FOUND' });
  });
});

describe('changing a rate', () => {
  it('changes only what is given, refuses what adding refuses, and is the admins’', async () => {
    const { useCases, people, lessonTypes, ports } = billingWorld();
    const rate = await useCases.setRate.execute(people.admin, { lessonTypeId: lessonTypes.piano, teacherId: null, durationMinutes: 30, price: { minor: 2500, currency: 'GBP' } });
    const changed = await useCases.changeRate.execute(people.admin, rate.id, { price: { minor: 2700, currency: 'GBP' } });
    expect(changed.snapshot()).toMatchObject({ id: rate.id, durationMinutes: 30, price: Money.of(2700, 'GBP') });
    await expect(useCases.changeRate.execute(people.admin, rate.id, { price: { minor: 0, currency: 'GBP' } })).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field: 'price.minor' })] } });
    await expect(useCases.changeRate.execute(people.teacher, rate.id, { durationMinutes: 45 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.changeRate.execute(people.admin, newId() as never, { durationMinutes: 45 })).rejects.toMatchObject({ kind: 'not_found' });
    expect((await ports.rates.get(rate.id))?.price.minor).toBe(2700);
  });
});
