import { z } from 'zod';

/**
 * Billing over REST: the school's billing settings and rates (admins), billing accounts, and invoices with their lines
 * and history (admins all; a guardian their family's; a payer their own). Amounts are whole minor units of the
 * school's currency (`{ minor: 2500, currency: 'GBP' }` is £25.00); percentages are basis points (2000 = 20 %).
 * Billing periods are calendar months in the school's zone (`2027-01`).
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const day = z.string().meta({ format: 'date' });
const basisPoints = z.number({ message: 'Must be a number.' }).int('Must be a whole number of basis points.').min(0, 'Must be at least 0.').max(10_000, 'Must be at most 10000 (100 %).');

export const BILLING_CHARGE_BASES = ['in_advance', 'delivered'] as const;
export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_LINE_KINDS = ['lesson', 'package', 'manual', 'credit'] as const;

/** A billing period: a calendar month, `YYYY-MM`. */
export const BillingPeriodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Must be a month, YYYY-MM.');

export const MoneyAmount = z.object({ minor: z.number().int(), currency: z.string() }).meta({ id: 'Money', example: { minor: 2500, currency: 'GBP' } });
export type MoneyAmount = z.infer<typeof MoneyAmount>;

/** An amount as given: the domain refuses a fractional, zero or negative amount, or another currency, naming the field. */
const AmountInput = z.strictObject({ minor: z.number({ message: 'Must be a number of minor units.' }), currency: z.string().length(3, 'Must be a three-letter currency code.') });

/** Which month the scheduled run bills, from the month it runs in. */
export const BILLING_RUN_PERIODS = ['next', 'current', 'previous'] as const;

export const BillingSettingsAnswer = z
  .object({
    chargeBasis: z.enum(BILLING_CHARGE_BASES),
    taxBasisPoints: z.number().int(),
    siblingDiscountBasisPoints: z.number().int(),
    dueDays: z.number().int(),
    scheduledRun: z.boolean().describe('Whether the run starts by itself each month (off until an admin turns it on).'),
    runDay: z.number().int().describe('The day of the month the scheduled run starts, 1 to 28.'),
    runTime: z.string().describe('Its time on that day, HH:MM in the school’s zone.'),
    runPeriod: z.enum(BILLING_RUN_PERIODS).describe('The month it bills: the next one, the one it runs in, or the one before.'),
    invoiceAddress: z.string().describe('The school’s address as its invoices print it, a line each.'),
    paymentInstructions: z.string().describe('How to pay, printed on every invoice.'),
  })
  .meta({ id: 'BillingSettings', example: { chargeBasis: 'in_advance', taxBasisPoints: 0, siblingDiscountBasisPoints: 1000, dueDays: 14, scheduledRun: true, runDay: 25, runTime: '06:00', runPeriod: 'next', invoiceAddress: '1 Music Lane\nLondon N1 1AA', paymentInstructions: 'Bank transfer to Cadenza Music School, sort code 00-00-00, account 12345678, quoting the invoice number.' } });
export type BillingSettingsAnswer = z.infer<typeof BillingSettingsAnswer>;

/** `PUT /billing/settings`: every setting; the scheduled run's and the invoices' address and payment instructions, left out, stay as they are. */
export const UpdateBillingSettingsRequest = z.strictObject({
  chargeBasis: z.enum(BILLING_CHARGE_BASES, { message: `Must be one of ${BILLING_CHARGE_BASES.join(', ')}.` }),
  taxBasisPoints: basisPoints,
  siblingDiscountBasisPoints: basisPoints,
  dueDays: z.number({ message: 'Must be a number.' }).int('Must be whole days.').min(0, 'Must be at least 0.').max(365, 'Must be at most 365.'),
  scheduledRun: z.boolean({ message: 'Must be true or false.' }).optional(),
  runDay: z.number({ message: 'Must be a number.' }).int('Must be a whole day.').min(1, 'Must be at least 1.').max(28, 'Must be at most 28 (every month has it).').optional(),
  runTime: z.string({ message: 'Must be a time of day, HH:MM.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time of day, HH:MM.').optional(),
  runPeriod: z.enum(BILLING_RUN_PERIODS, { message: `Must be one of ${BILLING_RUN_PERIODS.join(', ')}.` }).optional(),
  invoiceAddress: z.string({ message: 'Must be text.' }).max(400, 'Must be at most 400 characters.').optional(),
  paymentInstructions: z.string({ message: 'Must be text.' }).max(1000, 'Must be at most 1000 characters.').optional(),
});
export type UpdateBillingSettingsRequest = z.infer<typeof UpdateBillingSettingsRequest>;

export const BillingRate = z
  .object({ id, lessonTypeId: id, teacherId: id.nullable(), durationMinutes: z.number().int().nullable(), price: MoneyAmount, format: z.enum(['individual', 'group']) })
  .meta({ id: 'BillingRate', example: { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', lessonTypeId: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e', teacherId: null, durationMinutes: 30, price: { minor: 2500, currency: 'GBP' }, format: 'individual' } });
export type BillingRate = z.infer<typeof BillingRate>;

/** `POST /billing/rates`: a price for a lesson type, optionally only one teacher's or one length's lessons. */
export const CreateRateRequest = z.strictObject({
  lessonTypeId: uuid,
  teacherId: uuid.nullable().optional(),
  durationMinutes: z.number({ message: 'Must be a number of minutes.' }).nullable().optional(),
  price: AmountInput,
});
export type CreateRateRequest = z.infer<typeof CreateRateRequest>;

/** `PATCH /billing/rates/:rateId`: some of the price, teacher and length. */
export const UpdateRateRequest = z
  .strictObject({ teacherId: uuid.nullable().optional(), durationMinutes: z.number({ message: 'Must be a number of minutes.' }).nullable().optional(), price: AmountInput.optional() })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one of teacherId, durationMinutes, price.');
export type UpdateRateRequest = z.infer<typeof UpdateRateRequest>;

/** `:rateId`, `:invoiceId` and `:accountId` in billing's paths. */
export const RateIdParam = z.strictObject({ rateId: uuid });
export const InvoiceIdParam = z.strictObject({ invoiceId: uuid });
export const BillingAccountIdParam = z.strictObject({ accountId: uuid });
export type RateIdParam = z.infer<typeof RateIdParam>;
export type InvoiceIdParam = z.infer<typeof InvoiceIdParam>;
export type BillingAccountIdParam = z.infer<typeof BillingAccountIdParam>;

export const BillingAccountAnswer = z
  .object({ id, familyId: id.nullable(), familyName: z.string().nullable(), ownStudentId: id.nullable(), payerId: id.nullable(), studentIds: z.array(id), discountBasisPoints: z.number().int() })
  .meta({ id: 'BillingAccount', example: { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', familyId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', familyName: 'Parker family', ownStudentId: null, payerId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', studentIds: ['b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e'], discountBasisPoints: 0 } });
export type BillingAccountAnswer = z.infer<typeof BillingAccountAnswer>;

/** `GET /invoices`: by status, family and billing period. */
export const InvoicesQuery = z.strictObject({
  status: z.enum(INVOICE_STATUSES, { message: `Must be one of ${INVOICE_STATUSES.join(', ')}.` }).optional(),
  familyId: uuid.optional(),
  period: BillingPeriodMonth.optional(),
});
export type InvoicesQuery = z.infer<typeof InvoicesQuery>;

const INVOICE_EXAMPLE = {
  id: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
  number: 42,
  status: 'issued',
  accountId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  familyId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
  familyName: 'Parker family',
  period: { from: '2027-01-01', to: '2027-02-01' },
  currency: 'GBP',
  subtotal: { minor: 10000, currency: 'GBP' },
  tax: { minor: 0, currency: 'GBP' },
  total: { minor: 10000, currency: 'GBP' },
  paid: { minor: 0, currency: 'GBP' },
  open: { minor: 10000, currency: 'GBP' },
  issuedAt: '2026-12-25T06:00:00.000Z',
  dueAt: '2027-01-08T06:00:00.000Z',
  voidedAt: null,
  createdAt: '2026-12-25T06:00:00.000Z',
};

const invoiceFields = {
  id,
  number: z.number().int().nullable(),
  status: z.enum(INVOICE_STATUSES),
  accountId: id,
  familyId: id.nullable(),
  familyName: z.string().nullable(),
  period: z.object({ from: day, to: day }).nullable(),
  currency: z.string(),
  subtotal: MoneyAmount,
  tax: MoneyAmount,
  total: MoneyAmount,
  paid: MoneyAmount,
  open: MoneyAmount,
  issuedAt: at.nullable(),
  dueAt: at.nullable(),
  voidedAt: at.nullable(),
  createdAt: at,
};

export const InvoiceSummary = z.object(invoiceFields).meta({ id: 'InvoiceSummary', example: INVOICE_EXAMPLE });
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const InvoiceLineAnswer = z
  .object({ id, kind: z.enum(INVOICE_LINE_KINDS), sourceId: id, studentId: id.nullable(), description: z.string(), amount: MoneyAmount })
  .meta({ id: 'InvoiceLine', example: { id: 'f6a7b8c9-d0e1-4f2a-b3c4-d5e6f7a8b9c0', kind: 'credit', sourceId: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e', studentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', description: 'Credit: cancelled by the school, 3 December', amount: { minor: -2500, currency: 'GBP' } } });
export type InvoiceLineAnswer = z.infer<typeof InvoiceLineAnswer>;

/** What happened to an invoice, oldest first: made as a draft, issued with its number, voided. */
export const InvoiceHistoryEntry = z.object({ at, event: z.enum(['drafted', 'issued', 'voided']), number: z.number().int().nullable() }).meta({ id: 'InvoiceHistoryEntry', example: { at: '2026-12-25T06:00:01.000Z', event: 'issued', number: 42 } });
export type InvoiceHistoryEntry = z.infer<typeof InvoiceHistoryEntry>;

export const InvoiceDetail = z
  .object({ ...invoiceFields, taxBasisPoints: z.number().int(), lines: z.array(InvoiceLineAnswer), history: z.array(InvoiceHistoryEntry) })
  .meta({
    id: 'InvoiceDetail',
    example: {
      ...INVOICE_EXAMPLE,
      taxBasisPoints: 0,
      lines: [{ id: 'f6a7b8c9-d0e1-4f2a-b3c4-d5e6f7a8b9c0', kind: 'lesson', sourceId: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e', studentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', description: 'Piano, 30 minutes, 7 January', amount: { minor: 2500, currency: 'GBP' } }],
      history: [
        { at: '2026-12-25T06:00:00.000Z', event: 'drafted', number: null },
        { at: '2026-12-25T06:00:01.000Z', event: 'issued', number: 42 },
      ],
    },
  });
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

/** `POST /billing/runs/preview` and `POST /billing/runs`: the month to bill. */
export const BillingRunRequest = z.strictObject({ period: BillingPeriodMonth });
export type BillingRunRequest = z.infer<typeof BillingRunRequest>;
export const BillingRunMonthParam = z.strictObject({ period: BillingPeriodMonth });
export type BillingRunMonthParam = z.infer<typeof BillingRunMonthParam>;

const RUN_EXAMPLE = {
  id: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d',
  period: { from: '2027-01-01', to: '2027-02-01' },
  startedAt: '2026-12-25T06:00:00.000Z',
  startedBy: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  accounts: 420,
  batches: 3,
  accountsDone: 200,
  batchesDone: 1,
  invoices: 188,
  finished: false,
};

/** A billing run and how far it has got: accounts done of all, invoices issued; finished once every batch is billed. */
export const BillingRunAnswer = z
  .object({
    id,
    period: z.object({ from: day, to: day }),
    startedAt: at,
    startedBy: id.nullable(),
    accounts: z.number().int(),
    batches: z.number().int(),
    accountsDone: z.number().int(),
    batchesDone: z.number().int(),
    invoices: z.number().int(),
    finished: z.boolean(),
  })
  .meta({ id: 'BillingRun', example: RUN_EXAMPLE });
export type BillingRunAnswer = z.infer<typeof BillingRunAnswer>;

export const StartBillingRunAnswer = z
  .object({ created: z.boolean(), run: BillingRunAnswer })
  .meta({ id: 'StartBillingRunResult', example: { created: true, run: RUN_EXAMPLE } });
export type StartBillingRunAnswer = z.infer<typeof StartBillingRunAnswer>;

export const BILLING_RUN_WARNINGS = ['no_lesson_type', 'no_rate', 'no_account'] as const;

export const BillingRunPreview = z
  .object({
    period: z.object({ from: day, to: day }),
    run: BillingRunAnswer.nullable(),
    accounts: z.array(z.object({ accountId: id, familyName: z.string().nullable(), lessons: z.number().int(), credits: z.number().int(), total: MoneyAmount, issued: z.boolean() })),
    totals: z.object({ accounts: z.number().int(), invoices: z.number().int(), amount: MoneyAmount }),
    warnings: z.array(z.object({ kind: z.enum(BILLING_RUN_WARNINGS), lessonId: id, studentId: id.nullable(), teacherId: id.nullable(), start: at.nullable() })),
  })
  .meta({
    id: 'BillingRunPreview',
    example: {
      period: { from: '2027-01-01', to: '2027-02-01' },
      run: null,
      accounts: [{ accountId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', familyName: 'Parker family', lessons: 4, credits: 1, total: { minor: 7500, currency: 'GBP' }, issued: true }],
      totals: { accounts: 1, invoices: 1, amount: { minor: 7500, currency: 'GBP' } },
      warnings: [{ kind: 'no_rate', lessonId: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e', studentId: null, teacherId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', start: '2027-01-12T16:00:00.000Z' }],
    },
  });
export type BillingRunPreview = z.infer<typeof BillingRunPreview>;
