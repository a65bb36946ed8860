import type { Money } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';
import type { BillingContact } from '../ports/billing-directory.js';
import type { BillingSettings } from './billing-settings.js';
import type { BillingPeriod, Invoice, InvoiceStatus } from './invoice.js';

/** What an invoice's PDF shows, worked out in the domain: the renderer only lays it out. */
export interface InvoiceDocument {
  school: { name: string; address: string[] };
  /** Null on a draft, which the document says it is. */
  number: number | null;
  status: InvoiceStatus;
  issuedOn: string | null;
  dueOn: string | null;
  period: BillingPeriod | null;
  /** The period's first and last days, `2027-01-01 to 2027-01-31`. */
  periodLabel: string | null;
  /** Who it is addressed to: the account's payer, or the family when it names none. */
  billTo: { name: string; lines: string[] };
  lines: { description: string; amount: Money }[];
  subtotal: Money;
  taxBasisPoints: number;
  tax: Money;
  total: Money;
  paid: Money;
  open: Money;
  paymentInstructions: string[];
  /** The file's name, `invoice-<number>.pdf` (`invoice-draft-<id>.pdf` before it has one). */
  fileName: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** A date in the school's zone, `YYYY-MM-DD`. */
const dayIn = (at: Date | null, timeZone: string) => (at ? Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString() : null);

export interface InvoiceDocumentInput {
  invoice: Invoice;
  schoolName: string;
  settings: BillingSettings;
  timeZone: string;
  familyName: string | null;
  payer: BillingContact | null;
}

/** The document of an invoice: the school's heading and address, the payer, every line, tax, totals, what is paid and open, and how to pay. */
export function invoiceDocument(input: InvoiceDocumentInput): InvoiceDocument {
  const s = input.invoice.snapshot();
  const billTo = input.payer
    ? { name: input.payer.name, lines: [...(input.familyName ? [`Family: ${input.familyName}`] : []), ...(input.payer.email ? [input.payer.email] : [])] }
    : { name: input.familyName ?? 'Billing account', lines: [] };
  const instructions = lines(input.settings.paymentInstructions);
  const reference = s.number === null ? [] : [`Please quote invoice number ${s.number} with your payment.`];
  return {
    school: { name: input.schoolName, address: lines(input.settings.invoiceAddress) },
    number: s.number,
    status: s.status,
    issuedOn: dayIn(s.issuedAt, input.timeZone),
    dueOn: dayIn(s.dueAt, input.timeZone),
    period: s.period,
    periodLabel: s.period ? `${s.period.from} to ${Temporal.PlainDate.from(s.period.to).subtract({ days: 1 }).toString()}` : null,
    billTo,
    lines: s.lines.map((l) => ({ description: l.description, amount: l.amount })),
    subtotal: input.invoice.subtotal(),
    taxBasisPoints: s.taxBasisPoints,
    tax: input.invoice.tax(),
    total: input.invoice.total(),
    paid: s.paid,
    open: input.invoice.open(),
    paymentInstructions: ['Pay online from the Invoices page of the family portal.', ...instructions, ...reference],
    fileName: s.number === null ? `invoice-draft-${s.id}.pdf` : `invoice-${s.number}.pdf`,
  };
}
