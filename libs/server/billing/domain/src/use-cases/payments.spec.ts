import { DomainError, Money, newId, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId, PaymentId } from '../model/ids.js';
import { BillingAccount } from '../model/billing-account.js';
import { Invoice } from '../model/invoice.js';
import { paymentWorld } from '../testing/payment-world.js';
import { AccountVisibility } from './invoice-reads.js';

const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const back = { successUrl: 'http://cadenza.test/invoices/x?checkout=done', cancelUrl: 'http://cadenza.test/invoices/x' };

async function refusal(work: Promise<unknown>): Promise<{ code: string; kind: string; field: string | undefined }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, kind: error.kind, field: error.details.fields?.[0]?.field };
}

describe('manual payments', () => {
  it('records partial payments until the invoice is paid, audited', async () => {
    const w = await paymentWorld();
    await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'cash', amount: gbp(3000), note: 'At the front desk' });
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: Money.of(3000, 'GBP') });
    await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'bank_transfer', amount: gbp(7000) });
    expect(await w.read()).toMatchObject({ status: 'paid', paid: Money.of(10_000, 'GBP') });
    expect(w.ports.audit.entries.filter((e) => e.action === 'billing.payment.recorded')).toHaveLength(2);
    // Each settling tells the invoice's readers how it stands, in the payment's unit of work.
    const settled = w.ports.events.published.filter((e) => e.type === 'billing.invoice_settled.v1');
    expect(settled.map((e) => [e.schoolId, e.payload])).toEqual([
      [w.schoolId, { invoiceId: w.invoiceId, accountId: (await w.read()).accountId, status: 'partially_paid', paidMinor: 3000, openMinor: 7000 }],
      [w.schoolId, { invoiceId: w.invoiceId, accountId: (await w.read()).accountId, status: 'paid', paidMinor: 10_000, openMinor: 0 }],
    ]);
  });

  it('refuses bad amounts naming the field, and more than is open, writing nothing', async () => {
    const w = await paymentWorld();
    const record = (amount: { minor: number; currency: string }) => w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'cash', amount });
    expect(await refusal(record(gbp(0)))).toMatchObject({ kind: 'invalid', field: 'amount.minor' });
    expect(await refusal(record(gbp(-5)))).toMatchObject({ kind: 'invalid', field: 'amount.minor' });
    expect(await refusal(record(gbp(10.5)))).toMatchObject({ kind: 'invalid', field: 'amount.minor' });
    expect(await refusal(record({ minor: 100, currency: 'EUR' }))).toMatchObject({ code: 'BILLING.OTHER_CURRENCY', field: 'amount.currency' });
    expect(await refusal(record(gbp(10_001)))).toMatchObject({ code: 'BILLING.OVERPAYMENT', field: 'amount.minor' });
    expect(await refusal(w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'card' as 'cash', amount: gbp(100) }))).toMatchObject({ field: 'method' });
    expect(await refusal(w.useCases.recordPayment.execute(w.people.parent, w.invoiceId, { method: 'cash', amount: gbp(100) }))).toMatchObject({ kind: 'forbidden' });
    expect(w.payments.byId.size).toBe(0);
    expect(w.ports.events.published.filter((e) => e.type === 'billing.invoice_settled.v1')).toEqual([]);
    expect(await w.read()).toMatchObject({ status: 'issued', paid: Money.of(0, 'GBP') });
  });

  it('refuses a payment on a draft or a void invoice, and on one that is not there', async () => {
    const w = await paymentWorld();
    const draft = await w.draft([500]);
    expect(await refusal(w.useCases.recordPayment.execute(w.people.admin, draft.id, { method: 'cash', amount: gbp(100) }))).toMatchObject({ code: 'BILLING.INVOICE_NOT_OPEN' });
    expect(await refusal(w.useCases.recordPayment.execute(w.people.admin, newId<InvoiceId>(), { method: 'cash', amount: gbp(100) }))).toMatchObject({ kind: 'not_found' });
  });
});

describe('refunds', () => {
  it('refunds part and the rest of a cash payment, refusing more than is left; the invoice reopens', async () => {
    const w = await paymentWorld();
    const { payment } = await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'cash', amount: gbp(10_000) });
    await w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment.id, amount: gbp(4000) });
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: Money.of(6000, 'GBP') });
    expect(await refusal(w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment.id, amount: gbp(6001) }))).toMatchObject({ code: 'BILLING.REFUND_TOO_LARGE', field: 'amount.minor' });
    expect(await refusal(w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: newId<PaymentId>(), amount: gbp(1) }))).toMatchObject({ field: 'paymentId' });
    await w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment.id, amount: gbp(6000) });
    expect(await w.read()).toMatchObject({ status: 'issued', paid: Money.of(0, 'GBP') });
    expect(w.gateway.calls).toEqual([]);
  });

  it('refunds a card payment through the provider under a key of the payment and what was refunded before; a failed call changes nothing', async () => {
    const w = await paymentWorld();
    await w.useCases.applyPaymentEvent.execute({ id: 'evt_1', schoolId: w.schoolId, kind: 'payment_succeeded', paymentRef: 'pi_1', invoiceId: w.invoiceId, amount: Money.of(10_000, 'GBP') });
    const [payment] = await w.payments.forInvoice(w.invoiceId);
    w.gateway.failNext = new Error('Stripe went away');
    await expect(w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment!.id, amount: gbp(2500) })).rejects.toThrow('Stripe went away');
    expect(await w.read()).toMatchObject({ paid: Money.of(10_000, 'GBP') });
    await w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment!.id, amount: gbp(2500) });
    await w.useCases.refundPayment.execute(w.people.admin, w.invoiceId, { paymentId: payment!.id, amount: gbp(2500) });
    expect(w.gateway.calls.map((c) => c.idempotencyKey)).toEqual([`cadenza:refund:${payment!.id}:0:2500`, `cadenza:refund:${payment!.id}:2500:2500`]);
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: Money.of(5000, 'GBP') });
  });
});

describe('checkout', () => {
  /** The world with the invoice's account a family's, whose payer is `payer`; `full` and `view` are guardians. */
  async function familyWorld() {
    const w = await paymentWorld();
    const familyId = newId<FamilyId>();
    const person = (roles: string[]): Actor => ({ userId: newId<UserId>(), schoolId: w.schoolId, roles });
    const people = { payer: person(['parent']), full: person(['parent']), view: person(['parent']), other: person(['parent']), adult: person(['student']) };
    const account = BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId, payerId: people.payer.userId, studentIds: [] });
    await w.ports.accounts.save(account);
    for (const guardian of [people.payer, people.full, people.view]) w.ports.directory.guardians.set(guardian.userId, [familyId]);
    w.ports.directory.fullAccess.set(people.full.userId, [familyId]);
    const state = (await w.ports.invoices.get(w.invoiceId))!.snapshot();
    await w.ports.invoices.save(Invoice.restore({ ...state, accountId: account.id }));
    return { ...w, people: { ...w.people, ...people } };
  }

  it('opens the provider\'s checkout for what is open, for the payer or a full-access guardian, once per open amount', async () => {
    const w = await familyWorld();
    expect(await w.useCases.paymentOptions.execute(w.people.full, w.invoiceId)).toEqual({ mayPay: true, payableNow: true });
    expect(await w.useCases.paymentOptions.execute(w.people.view, w.invoiceId)).toEqual({ mayPay: false, payableNow: false });
    const first = await w.useCases.startCheckout.execute(w.people.full, w.invoiceId, back);
    expect(await w.useCases.startCheckout.execute(w.people.payer, w.invoiceId, back)).toEqual(first);
    expect(w.gateway.calls.map((c) => [c.kind, c.amount?.minor])).toEqual([
      ['customer', undefined],
      ['checkout', 10_000],
    ]);
    expect(w.profiles.byAccount.size).toBe(1);
    await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'cash', amount: gbp(4000) });
    await w.useCases.startCheckout.execute(w.people.payer, w.invoiceId, back);
    expect(w.gateway.calls.at(-1)).toMatchObject({ kind: 'checkout', idempotencyKey: `cadenza:checkout:${w.invoiceId}:6000`, amount: Money.of(6000, 'GBP') });
  });

  it('refuses a view-only guardian (403) and answers anyone else 404; a paid invoice has nothing to pay', async () => {
    const w = await familyWorld();
    expect(await refusal(w.useCases.startCheckout.execute(w.people.view, w.invoiceId, back))).toMatchObject({ kind: 'forbidden', code: 'BILLING.VIEW_ONLY' });
    expect(await refusal(w.useCases.startCheckout.execute(w.people.other, w.invoiceId, back))).toMatchObject({ kind: 'not_found' });
    expect(await refusal(w.useCases.startCheckout.execute(w.people.teacher, w.invoiceId, back))).toMatchObject({ kind: 'not_found' });
    expect(await refusal(w.useCases.startCheckout.execute(w.people.adult, w.invoiceId, back))).toMatchObject({ kind: 'not_found' });
    await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'cash', amount: gbp(10_000) });
    expect(await refusal(w.useCases.startCheckout.execute(w.people.payer, w.invoiceId, back))).toMatchObject({ kind: 'conflict' });
    expect(w.gateway.calls).toEqual([]);
  });

  it('names who hears of the invoice settling: the payer and the family\'s guardians, not another family or the staff', async () => {
    const w = await familyWorld();
    const { accountId } = await w.read();
    const visibility = new AccountVisibility(w.ports.accounts, w.ports.directory);
    const readers = await visibility.readersOf(accountId);
    expect(new Set(readers)).toEqual(new Set([w.people.payer.userId, w.people.full.userId, w.people.view.userId]));
    expect(readers).not.toContain(w.people.other.userId);
    expect(await visibility.readersOf(newId<BillingAccountId>())).toEqual([]);
  });

  it('lets the adult student who pays for themself pay, and shows the payments to the invoice\'s readers only', async () => {
    const w = await paymentWorld();
    const adult: Actor = { userId: newId<UserId>(), schoolId: w.schoolId, roles: ['student'] };
    const account = BillingAccount.forAdultStudent({ id: newId<BillingAccountId>(), studentId: adult.userId });
    await w.ports.accounts.save(account);
    const state = (await w.ports.invoices.get(w.invoiceId))!.snapshot();
    await w.ports.invoices.save(Invoice.restore({ ...state, accountId: account.id }));
    expect((await w.useCases.startCheckout.execute(adult, w.invoiceId, back)).url).toMatch(/^https:\/\/checkout\.example\//);
    await w.useCases.recordPayment.execute(w.people.admin, w.invoiceId, { method: 'card_terminal', amount: gbp(1000) });
    expect((await w.useCases.listPayments.execute(adult, w.invoiceId)).map((p) => p.method)).toEqual(['card_terminal']);
    expect(await refusal(w.useCases.listPayments.execute(w.people.parent, w.invoiceId))).toMatchObject({ kind: 'not_found' });
  });
});
