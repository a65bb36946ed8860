import { Money } from '@cadenza/shared/kernel';
import type { InvoiceDocument } from '@cadenza/server/billing/domain';
import { pdfText } from '@cadenza/server/testing';
import { PdfKitInvoiceRenderer } from './pdfkit-invoice-renderer.js';

const gbp = (minor: number) => Money.of(minor, 'GBP');

function document(over: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    school: { name: 'Cadenza Music School', address: ['1 Music Lane', 'London N1 1AA'] },
    number: 42,
    status: 'partially_paid',
    issuedOn: '2026-12-25',
    dueOn: '2027-01-08',
    period: { from: '2027-01-01', to: '2027-02-01' },
    periodLabel: '2027-01-01 to 2027-01-31',
    billTo: { name: 'Priya Parker', lines: ['Family: Parker', 'priya@example.com'] },
    lines: [
      { description: 'Piano, 30 minutes, 2027-01-07', amount: gbp(2500) },
      { description: 'Piano, 30 minutes, 2027-01-14', amount: gbp(2500) },
      { description: 'Credit: Piano, 30 minutes, 2026-12-10, not taken', amount: gbp(-1000) },
    ],
    subtotal: gbp(4000),
    taxBasisPoints: 2000,
    tax: gbp(800),
    total: gbp(4800),
    paid: gbp(3000),
    open: gbp(1800),
    paymentInstructions: ['Pay online from the Invoices page of the family portal.', 'Bank transfer: sort code 00-11-22.', 'Please quote invoice number 42 with your payment.'],
    fileName: 'invoice-42.pdf',
    ...over,
  };
}

describe('the invoice PDF (pdfkit)', () => {
  const renderer = new PdfKitInvoiceRenderer();

  it('draws the school, the number, dates, payer, every line, tax, totals, paid, open and how to pay', async () => {
    const pdf = await renderer.render(document());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf).split('\n');
    for (const expected of ['Cadenza Music School', '1 Music Lane', 'London N1 1AA', 'Invoice 42', 'Issued: 2026-12-25', 'Due: 2027-01-08', 'Period: 2027-01-01 to 2027-01-31', 'PART PAID', 'Priya Parker', 'Family: Parker', 'Piano, 30 minutes, 2027-01-07', 'Credit: Piano, 30 minutes, 2026-12-10, not taken', '-£10.00', 'Tax (20 %)', '£8.00', 'Total', '£48.00', 'Paid', '£30.00', 'Open', '£18.00', 'Bank transfer: sort code 00-11-22.', 'Please quote invoice number 42 with your payment.']) {
      expect(text.join('\n')).toContain(expected);
    }
    // Each amount stands after its label.
    expect(text.indexOf('£48.00')).toBe(text.indexOf('Total') + 1);
    expect(text.indexOf('£18.00')).toBe(text.indexOf('Open') + 1);
  });

  it('a paid invoice says so without payment instructions; a long invoice runs onto more pages; no tax line without tax', async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ description: `Lesson ${i + 1}`, amount: gbp(2000) }));
    const pdf = await renderer.render(document({ status: 'paid', lines: many, taxBasisPoints: 0, tax: gbp(0), paid: gbp(140_000), open: gbp(0), total: gbp(140_000), subtotal: gbp(140_000) }));
    const text = pdfText(pdf);
    expect(text).toContain('PAID');
    expect(text).toContain('Lesson 70');
    expect(text).not.toContain('Tax');
    expect(text).not.toContain('Bank transfer');
    expect(Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length).toBeGreaterThan(1);
  });
});
