import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { Payment, Payments, type InvoiceId, type PaymentId, type PaymentMethod } from '@cadenza/server/billing/domain';
import { asId, Money, type UserId } from '@cadenza/shared/kernel';
import { PaymentSchema, type PaymentRow } from './payment-entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

function toPayment(row: PaymentRow): Payment {
  return Payment.restore({
    id: asId<PaymentId>(row.id),
    invoiceId: asId<InvoiceId>(row.invoiceId),
    method: row.method as PaymentMethod,
    providerRef: row.providerRef,
    amount: Money.of(row.amountMinor, row.currency),
    refunded: Money.of(row.refundedMinor, row.currency),
    disputed: Money.of(row.disputedMinor, row.currency),
    disputeClosed: row.disputeClosed,
    note: row.note,
    recordedBy: row.recordedBy === null ? null : asId<UserId>(row.recordedBy),
    recordedAt: new Date(row.recordedAt),
  });
}

/** Payments in `billing_payments`, one per provider reference. */
@Injectable()
export class MikroOrmPayments extends Payments {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async forInvoice(invoiceId: InvoiceId): Promise<Payment[]> {
    const rows = await this.em.find(PaymentSchema, { invoiceId }, { ...NO_MAP, orderBy: { recordedAt: 'asc', id: 'asc' } });
    return rows.map(toPayment);
  }

  async byProviderRef(providerRef: string): Promise<Payment | null> {
    const row = await this.em.findOne(PaymentSchema, { providerRef }, NO_MAP);
    return row ? toPayment(row) : null;
  }

  async save(payment: Payment): Promise<void> {
    const s = payment.snapshot();
    await this.em.upsert(
      PaymentSchema,
      {
        id: s.id,
        schoolId: currentSchool(this.em),
        invoiceId: s.invoiceId,
        method: s.method,
        providerRef: s.providerRef,
        amountMinor: s.amount.minor,
        currency: s.amount.currency,
        refundedMinor: s.refunded.minor,
        disputedMinor: s.disputed.minor,
        disputeClosed: s.disputeClosed,
        note: s.note,
        recordedBy: s.recordedBy,
        recordedAt: s.recordedAt,
      },
      NO_MAP,
    );
  }
}
