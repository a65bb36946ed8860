import { Money, newId } from '@cadenza/shared/kernel';
import type { BillingAccountId, InvoiceId, InvoiceLineId } from './ids.js';
import { Invoice, type LineKind } from './invoice.js';

const at = new Date('2026-12-25T06:00:00Z');
const draft = (taxBasisPoints = 0) => Invoice.draft({ id: newId<InvoiceId>(), accountId: newId<BillingAccountId>(), currency: 'GBP', period: { from: '2027-01-01', to: '2027-02-01' }, taxBasisPoints, createdAt: at });
const line = (kind: LineKind, minor: number, sourceId: string = newId(), currency = 'GBP') => ({ id: newId<InvoiceLineId>(), kind, sourceId, studentId: null, description: kind, amount: Money.of(minor, currency) });

describe('an invoice', () => {
  it('adds its lines, less credits, then the school’s tax on the subtotal', () => {
    const invoice = draft(2000);
    invoice.addLine(line('lesson', 2500));
    invoice.addLine(line('package', 10_000));
    invoice.addLine(line('credit', -2500));
    expect(invoice.subtotal()).toEqual(Money.of(10_000, 'GBP'));
    expect(invoice.tax()).toEqual(Money.of(2000, 'GBP'));
    expect(invoice.total()).toEqual(Money.of(12_000, 'GBP'));
    expect(draft().tax()).toEqual(Money.zero('GBP'));
  });

  it('charges a source once, refuses a zero line, a positive credit, a negative charge and another currency', () => {
    const invoice = draft();
    const source = newId();
    invoice.addLine(line('lesson', 2500, source));
    expect(() => invoice.addLine(line('lesson', 2500, source))).toThrow(expect.objectContaining({ code: 'BILLING.SOURCE_ALREADY_CHARGED', kind: 'conflict' }));
    expect(() => invoice.addLine(line('manual', 0))).toThrow(expect.objectContaining({ code: 'BILLING.LINE_AMOUNT' }));
    expect(() => invoice.addLine(line('credit', 500))).toThrow(expect.objectContaining({ code: 'BILLING.LINE_AMOUNT' }));
    expect(() => invoice.addLine(line('manual', -500))).toThrow(expect.objectContaining({ code: 'BILLING.LINE_AMOUNT' }));
    expect(() => invoice.addLine(line('manual', 500, newId(), 'EUR'))).toThrow(expect.objectContaining({ code: 'BILLING.OTHER_CURRENCY' }));
    expect(invoice.lines).toHaveLength(1);
  });

  it('goes from draft to issued with its number and due date, then partially paid, overdue, and paid', () => {
    const invoice = draft();
    expect(() => invoice.issue(1, at, 14)).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_EMPTY' }));
    invoice.addLine(line('lesson', 3000));
    invoice.issue(17, at, 14);
    expect(invoice.snapshot()).toMatchObject({ status: 'issued', number: 17, issuedAt: at, dueAt: new Date('2027-01-08T06:00:00Z') });
    expect(() => invoice.addLine(line('lesson', 3000))).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_NOT_DRAFT' }));
    expect(() => invoice.issue(18, at, 14)).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_NOT_DRAFT' }));
    invoice.applyPayment(Money.of(1000, 'GBP'));
    expect(invoice.status).toBe('partially_paid');
    expect(invoice.markOverdueAt(new Date('2027-01-08T05:59:59Z'))).toBe(false);
    expect(invoice.markOverdueAt(new Date('2027-01-08T06:00:00Z'))).toBe(true);
    expect(invoice.status).toBe('overdue');
    expect(() => invoice.applyPayment(Money.of(2001, 'GBP'))).toThrow(expect.objectContaining({ code: 'BILLING.OVERPAYMENT', kind: 'invalid' }));
    expect(() => invoice.applyPayment(Money.of(0, 'GBP'))).toThrow(expect.objectContaining({ code: 'BILLING.AMOUNT_NOT_POSITIVE' }));
    invoice.applyPayment(Money.of(1500, 'GBP'));
    expect(invoice.status).toBe('overdue');
    invoice.applyPayment(Money.of(500, 'GBP'));
    expect(invoice.status).toBe('paid');
    expect(invoice.open()).toEqual(Money.zero('GBP'));
    expect(invoice.markOverdueAt(new Date('2027-02-01T00:00:00Z'))).toBe(false);
  });

  it('is not issued at nothing or less: credits wait for the next invoice', () => {
    const invoice = draft();
    invoice.addLine(line('lesson', 1000));
    invoice.addLine(line('credit', -1000));
    expect(() => invoice.issue(1, at, 14)).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_NOT_POSITIVE' }));
  });

  it('is voided, keeping its number, unless something was paid on it', () => {
    const invoice = draft();
    invoice.addLine(line('lesson', 3000));
    invoice.issue(3, at, 14);
    invoice.void(at);
    expect(invoice.snapshot()).toMatchObject({ status: 'void', number: 3, voidedAt: at });
    expect(() => invoice.void(at)).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_VOID' }));
    const paid = draft();
    paid.addLine(line('lesson', 3000));
    paid.issue(4, at, 14);
    paid.applyPayment(Money.of(100, 'GBP'));
    expect(() => paid.void(at)).toThrow(expect.objectContaining({ code: 'BILLING.INVOICE_HAS_PAYMENTS' }));
  });
});
