import { Money, newId } from '@cadenza/shared/kernel';
import type { InvoiceId, PaymentId } from '../model/ids.js';
import { Payment } from '../model/payment.js';
import type { AppliedPaymentEvents, Payments } from '../ports/payments.js';

export interface PaymentsSubject {
  payments: Payments;
  applied: AppliedPaymentEvents;
  /** An issued invoice of the school the store writes for. */
  invoiceId: InvoiceId;
  /** Runs the work in one unit of work, as the use cases do. */
  inUnit<T>(work: () => Promise<T>): Promise<T>;
  cleanup?: () => Promise<void>;
}

/** The contract of `Payments` and `AppliedPaymentEvents`, run against the in-memory fakes and PostgreSQL. */
export function paymentsContract(name: string, make: () => Promise<PaymentsSubject>): void {
  describe(`Payments and applied payment events (${name})`, () => {
    let subject: PaymentsSubject;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => subject.cleanup?.());

    const aPayment = (invoiceId: InvoiceId, providerRef: string | null, minor: number, at: string) =>
      Payment.record({ id: newId<PaymentId>(), invoiceId, method: providerRef ? 'card' : 'cash', providerRef, amount: Money.of(minor, 'GBP'), note: null, recordedBy: null, recordedAt: new Date(at) });

    it('keeps an invoice\'s payments in the order recorded, with refunds and disputes, found by provider reference', async () => {
      const { payments, invoiceId } = subject;
      const card = aPayment(invoiceId, 'pi_contract_1', 3000, '2027-01-02T10:00:00Z');
      const cash = aPayment(invoiceId, null, 500, '2027-01-01T10:00:00Z');
      await subject.inUnit(async () => {
        await payments.save(card);
        await payments.save(cash);
        card.refundedAtLeast(Money.of(1000, 'GBP'));
        card.disputedAt(Money.of(500, 'GBP'), false);
        await payments.save(card);
      });
      const found = await subject.inUnit(() => payments.forInvoice(invoiceId));
      expect(found.map((p) => [p.method, p.amount.minor, p.net().minor])).toEqual([
        ['cash', 500, 500],
        ['card', 3000, 1500],
      ]);
      expect((await subject.inUnit(() => payments.byProviderRef('pi_contract_1')))?.snapshot()).toEqual(card.snapshot());
      expect(await subject.inUnit(() => payments.byProviderRef('pi_other'))).toBeNull();
    });

    it('claims an event once', async () => {
      const { applied } = subject;
      expect(await subject.inUnit(() => applied.claim('evt_contract_1', 'payment_succeeded'))).toBe(true);
      expect(await subject.inUnit(() => applied.claim('evt_contract_1', 'payment_succeeded'))).toBe(false);
      expect(await subject.inUnit(() => applied.claim('evt_contract_2', 'refunded'))).toBe(true);
    });

    it('gives a claim back with the unit that fails', async () => {
      const { applied } = subject;
      await expect(
        subject.inUnit(async () => {
          await applied.claim('evt_contract_3', 'payment_succeeded');
          throw new Error('the applying failed');
        }),
      ).rejects.toThrow('the applying failed');
      expect(await subject.inUnit(() => applied.claim('evt_contract_3', 'payment_succeeded'))).toBe(true);
    });
  });
}
