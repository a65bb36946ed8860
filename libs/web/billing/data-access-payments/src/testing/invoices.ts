import type { InvoiceDetail } from '@cadenza/shared/contracts';

/** An amount in pounds' minor units, as the API answers it. */
export const gbp = (minor: number) => ({ minor, currency: 'GBP' });

/** An issued invoice of £100.00 for one lesson, nothing paid yet (`i-1`, number 7, January 2027); override what the test is about. */
export function anInvoice(overrides: Partial<InvoiceDetail> = {}): InvoiceDetail {
  return {
    id: 'i-1',
    number: 7,
    status: 'issued',
    accountId: 'a-1',
    familyId: 'f-1',
    familyName: 'Adams family',
    period: { from: '2027-01-01', to: '2027-02-01' },
    currency: 'GBP',
    subtotal: gbp(10_000),
    tax: gbp(0),
    total: gbp(10_000),
    paid: gbp(0),
    open: gbp(10_000),
    issuedAt: '2026-12-25T06:00:00.000Z',
    dueAt: '2027-01-08T06:00:00.000Z',
    voidedAt: null,
    createdAt: '2026-12-25T06:00:00.000Z',
    taxBasisPoints: 0,
    lines: [{ id: 'l-1', kind: 'lesson', sourceId: 's-1', studentId: 'st-1', description: 'Piano, 7 January', amount: gbp(10_000) }],
    history: [
      { at: '2026-12-25T06:00:00.000Z', event: 'drafted', number: null },
      { at: '2026-12-25T06:00:01.000Z', event: 'issued', number: 7 },
    ],
    ...overrides,
  };
}
