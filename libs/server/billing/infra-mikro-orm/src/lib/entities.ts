import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

/** Rows as PostgreSQL holds them; only this library knows them. */
export interface BillingSettingsRow {
  schoolId: string;
  chargeBasis: string;
  taxBasisPoints: number;
  siblingDiscountBasisPoints: number;
  dueDays: number;
  scheduledRun: boolean;
  runDay: number;
  runTime: string;
  runPeriod: string;
  invoiceAddress: string;
  paymentInstructions: string;
}
export interface RateRow {
  id: string;
  schoolId: string;
  lessonTypeId: string;
  teacherId: string | null;
  durationMinutes: number | null;
  priceMinor: number;
  currency: string;
  format: string;
}
export interface BillingAccountRow {
  id: string;
  schoolId: string;
  familyId: string | null;
  ownStudentId: string | null;
  payerId: string | null;
  studentIds: string[];
  discountBasisPoints: number;
}
export interface InvoiceRow {
  id: string;
  schoolId: string;
  accountId: string;
  periodFrom: string | null;
  periodTo: string | null;
  currency: string;
  status: string;
  number: number | null;
  taxBasisPoints: number;
  issuedAt: Date | null;
  dueAt: Date | null;
  paidMinor: number;
  voidedAt: Date | null;
  createdAt: Date;
  /** The run that made it, if one did. */
  runId?: string | null;
}
export interface InvoiceLineRow {
  id: string;
  schoolId: string;
  invoiceId: string;
  position: number;
  kind: string;
  sourceId: string;
  studentId: string | null;
  description: string;
  amountMinor: number;
  currency: string;
}

export interface BilledLessonRow {
  id: string;
  schoolId: string;
  teacherId: string;
  studentIds: string[];
  startAt: Date;
  endAt: Date;
  status: string;
  lateCancellation: boolean;
  deliveredAt: Date | null;
  lessonTypeId: string | null;
}

export interface BillingRunBatchRow {
  schoolId: string;
  runId: string;
  batch: number;
  accountIds: string[];
  createdAt: Date;
  doneAt: Date | null;
  invoices: number;
}

const uuid = { type: 'uuid' } as const;
const uuidNull = { type: 'uuid', nullable: true } as const;
const int = { type: 'integer' } as const;
const intNull = { type: 'integer', nullable: true } as const;
const text = { type: 'text' } as const;
const tsNull = { type: 'datetime', columnType: 'timestamptz', nullable: true } as const;
const dateNull = { type: 'string', columnType: 'date', nullable: true } as const;

export const BillingSettingsSchema = new EntitySchema<BillingSettingsRow>({
  name: 'BillingSettingsRow',
  tableName: 'billing_settings',
  properties: { schoolId: { ...uuid, primary: true }, chargeBasis: text, taxBasisPoints: int, siblingDiscountBasisPoints: int, dueDays: int, scheduledRun: { type: 'boolean' }, runDay: int, runTime: text, runPeriod: text, invoiceAddress: text, paymentInstructions: text },
  filters: schoolOwned(),
});

export const RateSchema = new EntitySchema<RateRow>({
  name: 'RateRow',
  tableName: 'billing_rates',
  properties: { id: { ...uuid, primary: true }, schoolId: uuid, lessonTypeId: uuid, teacherId: uuidNull, durationMinutes: intNull, priceMinor: int, currency: text, format: text },
  filters: schoolOwned(),
});

export const BillingAccountSchema = new EntitySchema<BillingAccountRow>({
  name: 'BillingAccountRow',
  tableName: 'billing_accounts',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    familyId: uuidNull,
    ownStudentId: uuidNull,
    payerId: uuidNull,
    studentIds: { type: 'string[]', columnType: 'uuid[]' },
    discountBasisPoints: int,
  },
  filters: schoolOwned(),
});

export const InvoiceSchema = new EntitySchema<InvoiceRow>({
  name: 'InvoiceRow',
  tableName: 'billing_invoices',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    accountId: uuid,
    periodFrom: dateNull,
    periodTo: dateNull,
    currency: text,
    status: text,
    number: intNull,
    taxBasisPoints: int,
    issuedAt: tsNull,
    dueAt: tsNull,
    paidMinor: int,
    voidedAt: tsNull,
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    runId: uuidNull,
  },
  filters: schoolOwned(),
});

export const InvoiceLineSchema = new EntitySchema<InvoiceLineRow>({
  name: 'InvoiceLineRow',
  tableName: 'billing_invoice_lines',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    invoiceId: uuid,
    position: int,
    kind: text,
    sourceId: uuid,
    studentId: uuidNull,
    description: text,
    amountMinor: int,
    currency: text,
  },
  filters: schoolOwned(),
});

export const BilledLessonSchema = new EntitySchema<BilledLessonRow>({
  name: 'BilledLessonRow',
  tableName: 'billing_lessons',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    teacherId: uuid,
    studentIds: { type: 'string[]', columnType: 'uuid[]' },
    startAt: { type: 'datetime', columnType: 'timestamptz' },
    endAt: { type: 'datetime', columnType: 'timestamptz' },
    status: text,
    lateCancellation: { type: 'boolean' },
    deliveredAt: tsNull,
    lessonTypeId: uuidNull,
  },
  filters: schoolOwned(),
});

export const BillingRunBatchSchema = new EntitySchema<BillingRunBatchRow>({
  name: 'BillingRunBatchRow',
  tableName: 'billing_run_batches',
  properties: {
    schoolId: uuid,
    runId: { ...uuid, primary: true },
    batch: { ...int, primary: true },
    accountIds: { type: 'string[]', columnType: 'uuid[]' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    doneAt: tsNull,
    invoices: int,
  },
  filters: schoolOwned(),
});

export const billingEntities = [BillingSettingsSchema, RateSchema, BillingAccountSchema, InvoiceSchema, InvoiceLineSchema, BilledLessonSchema, BillingRunBatchSchema];
