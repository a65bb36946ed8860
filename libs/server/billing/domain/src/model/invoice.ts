import { DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import { percentOf } from './amounts.js';
import type { BillingAccountId, InvoiceId, InvoiceLineId } from './ids.js';

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What a line charges for, and so what it traces back to: a lesson, a prepaid package, an admin's manual charge, or a credit. */
export const LINE_KINDS = ['lesson', 'package', 'manual', 'credit'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface InvoiceLine {
  id: InvoiceLineId;
  kind: LineKind;
  /** The lesson's, package's, manual charge's or credit's id: an invoice charges a source once. */
  sourceId: string;
  /** The student the line is for, when it is one student's. */
  studentId: UserId | null;
  description: string;
  /** A credit is negative, every other line positive. */
  amount: Money;
}

/** A billing period: calendar dates in the school's zone, `to` exclusive. */
export interface BillingPeriod {
  from: string;
  to: string;
}

export interface InvoiceState {
  id: InvoiceId;
  accountId: BillingAccountId;
  period: BillingPeriod | null;
  currency: string;
  status: InvoiceStatus;
  /** Taken when issued, in the issuing transaction: sequential per school, never repeated; a void invoice keeps it. */
  number: number | null;
  taxBasisPoints: number;
  lines: InvoiceLine[];
  issuedAt: Date | null;
  dueAt: Date | null;
  paid: Money;
  voidedAt: Date | null;
  /** When the draft was made: invoices are listed newest first. */
  createdAt: Date;
}

const DAY_MS = 86_400_000;
const OPEN: readonly InvoiceStatus[] = ['issued', 'partially_paid', 'overdue'];

const conflict = (code: string, message: string) => new DomainError(code, 'conflict', message);

/**
 * An invoice: a draft gathers lines; issuing takes its number and fixes its due date; payments make it partially paid
 * or paid; past its due date while money is open it is overdue; a draft or an unpaid issued invoice may be voided,
 * keeping its number.
 */
export class Invoice {
  private constructor(private state: InvoiceState) {}

  static draft(input: { id: InvoiceId; accountId: BillingAccountId; currency: string; period: BillingPeriod | null; taxBasisPoints: number; createdAt: Date }): Invoice {
    return new Invoice({ ...input, status: 'draft', number: null, lines: [], issuedAt: null, dueAt: null, paid: Money.zero(input.currency), voidedAt: null });
  }

  static restore(state: InvoiceState): Invoice {
    return new Invoice({ ...state, lines: state.lines.map((l) => ({ ...l })) });
  }

  snapshot(): InvoiceState {
    return { ...this.state, period: this.state.period ? { ...this.state.period } : null, lines: this.state.lines.map((l) => ({ ...l })) };
  }

  get id(): InvoiceId {
    return this.state.id;
  }
  get accountId(): BillingAccountId {
    return this.state.accountId;
  }
  get status(): InvoiceStatus {
    return this.state.status;
  }
  get number(): number | null {
    return this.state.number;
  }
  get lines(): readonly InvoiceLine[] {
    return this.state.lines;
  }

  addLine(line: InvoiceLine): void {
    if (this.state.status !== 'draft') throw conflict('BILLING.INVOICE_NOT_DRAFT', 'Only a draft invoice takes new lines.');
    if (line.amount.currency !== this.state.currency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', 'amount.currency', `The invoice is in ${this.state.currency}, not ${line.amount.currency}.`);
    const negative = line.kind === 'credit';
    if (line.amount.minor === 0 || line.amount.isNegative() !== negative) {
      throw DomainError.invalid('BILLING.LINE_AMOUNT', 'amount.minor', negative ? 'A credit is a negative amount.' : 'A charge is a positive amount.');
    }
    if (this.state.lines.some((l) => l.kind === line.kind && l.sourceId === line.sourceId)) {
      throw conflict('BILLING.SOURCE_ALREADY_CHARGED', `This ${line.kind} is already on the invoice.`);
    }
    this.state = { ...this.state, lines: [...this.state.lines, { ...line }] };
  }

  subtotal(): Money {
    return this.state.lines.reduce((sum, l) => sum.add(l.amount), Money.zero(this.state.currency));
  }

  /** The school's tax on the subtotal (none on a subtotal at or below zero). */
  tax(): Money {
    const subtotal = this.subtotal();
    return subtotal.minor > 0 ? percentOf(subtotal, this.state.taxBasisPoints) : Money.zero(this.state.currency);
  }

  total(): Money {
    return this.subtotal().add(this.tax());
  }

  /** What is still to pay. */
  open(): Money {
    return this.state.status === 'draft' || this.state.status === 'void' ? Money.zero(this.state.currency) : this.total().subtract(this.state.paid);
  }

  /** Issues the draft with the number taken for it now, due `dueDays` after. */
  issue(number: number, at: Date, dueDays: number): void {
    if (this.state.status !== 'draft') throw conflict('BILLING.INVOICE_NOT_DRAFT', 'Only a draft invoice can be issued.');
    if (this.state.lines.length === 0) throw conflict('BILLING.INVOICE_EMPTY', 'An invoice without lines cannot be issued.');
    if (this.total().minor <= 0) throw conflict('BILLING.INVOICE_NOT_POSITIVE', 'An invoice is issued for more than zero; credits wait for the next one.');
    if (!Number.isSafeInteger(number) || number < 1) throw new Error(`invoice number ${number} is not a positive whole number`);
    this.state = { ...this.state, status: 'issued', number, issuedAt: at, dueAt: new Date(at.getTime() + dueDays * DAY_MS) };
  }

  /** A payment of part or all of what is open: whole, positive, in the invoice's currency, and no more than is open. */
  applyPayment(amount: Money): void {
    if (!OPEN.includes(this.state.status)) throw conflict('BILLING.INVOICE_NOT_OPEN', 'Only an issued invoice with money open takes payments.');
    if (amount.currency !== this.state.currency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', 'amount.currency', `The invoice is in ${this.state.currency}, not ${amount.currency}.`);
    if (amount.minor <= 0) throw DomainError.invalid('BILLING.AMOUNT_NOT_POSITIVE', 'amount.minor', 'A payment must be more than zero.');
    if (amount.minor > this.open().minor) throw DomainError.invalid('BILLING.OVERPAYMENT', 'amount.minor', 'A payment cannot be more than is open on the invoice.');
    const paid = this.state.paid.add(amount);
    const settled = paid.equals(this.total());
    this.state = { ...this.state, paid, status: settled ? 'paid' : this.state.status === 'overdue' ? 'overdue' : 'partially_paid' };
  }

  /** Marks the invoice overdue when its due date has passed with money open; whether it changed. */
  markOverdueAt(now: Date): boolean {
    const s = this.state;
    if ((s.status !== 'issued' && s.status !== 'partially_paid') || !s.dueAt || s.dueAt.getTime() > now.getTime()) return false;
    this.state = { ...s, status: 'overdue' };
    return true;
  }

  /** Voids a draft or an issued invoice nothing has been paid on; an issued one keeps its number. */
  void(at: Date): void {
    const s = this.state;
    if (s.status === 'void') throw conflict('BILLING.INVOICE_VOID', 'The invoice is already void.');
    if (s.paid.minor > 0 || s.status === 'paid') throw conflict('BILLING.INVOICE_HAS_PAYMENTS', 'An invoice with payments is reversed by a credit note, not voided.');
    this.state = { ...s, status: 'void', voidedAt: at };
  }

  /**
   * What the payments towards the issued invoice count for now (their net after refunds and disputes): it is paid when
   * that covers the total, else overdue past its due date, partially paid, or issued. A draft or void invoice is left as it is.
   */
  settle(paid: Money, now: Date): void {
    const s = this.state;
    if (s.status === 'draft' || s.status === 'void') return;
    if (paid.currency !== s.currency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', 'amount.currency', `The invoice is in ${s.currency}, not ${paid.currency}.`);
    const due = s.dueAt !== null && s.dueAt.getTime() <= now.getTime();
    const status: InvoiceStatus = paid.minor >= this.total().minor ? 'paid' : due ? 'overdue' : paid.minor > 0 ? 'partially_paid' : 'issued';
    this.state = { ...s, paid, status };
  }
}
