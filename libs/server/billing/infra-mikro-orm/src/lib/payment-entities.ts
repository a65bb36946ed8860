import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

export interface PaymentRow {
  id: string;
  schoolId: string;
  invoiceId: string;
  method: string;
  providerRef: string | null;
  amountMinor: number;
  currency: string;
  refundedMinor: number;
  disputedMinor: number;
  disputeClosed: boolean;
  note: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

export const PaymentSchema = new EntitySchema<PaymentRow>({
  name: 'PaymentRow',
  tableName: 'billing_payments',
  properties: {
    id: { type: 'uuid', primary: true },
    schoolId: { type: 'uuid' },
    invoiceId: { type: 'uuid' },
    method: { type: 'text' },
    providerRef: { type: 'text', nullable: true },
    amountMinor: { type: 'integer' },
    currency: { type: 'text' },
    refundedMinor: { type: 'integer' },
    disputedMinor: { type: 'integer' },
    disputeClosed: { type: 'boolean' },
    note: { type: 'text', nullable: true },
    recordedBy: { type: 'uuid', nullable: true },
    recordedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
  filters: schoolOwned(),
});

export interface PaymentProfileRow {
  accountId: string;
  schoolId: string;
  customerRef: string;
}

export const PaymentProfileSchema = new EntitySchema<PaymentProfileRow>({
  name: 'PaymentProfileRow',
  tableName: 'billing_payment_profiles',
  properties: { accountId: { type: 'uuid', primary: true }, schoolId: { type: 'uuid' }, customerRef: { type: 'text' } },
  filters: schoolOwned(),
});

export const paymentEntities = [PaymentSchema, PaymentProfileSchema];
