import { Injectable } from '@nestjs/common';
import { InvoiceRenderer, type InvoiceDocument } from '@cadenza/server/billing/domain';

/** The standard PDF fonts speak Windows-1252: anything beyond it is drawn as "?" rather than as garbage. */
const printable = (text: string) => text.replace(/[^\n\t\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/gu, '?');

const STAMPS: Record<InvoiceDocument['status'], string> = { draft: 'DRAFT', issued: 'OPEN', partially_paid: 'PART PAID', paid: 'PAID', overdue: 'OVERDUE', void: 'VOID' };

const LEFT = 50;
const RIGHT = 545;
const AMOUNT_WIDTH = 110;

/**
 * An invoice as an A4 PDF with pdfkit: the school's name and address, the invoice's number, dates and status, who it
 * is billed to, a row per line, subtotal, tax, total, paid and open, and how to pay. Streams are left uncompressed so
 * the text can be searched and checked with plain tools.
 */
@Injectable()
export class PdfKitInvoiceRenderer extends InvoiceRenderer {
  async render(d: InvoiceDocument): Promise<Uint8Array> {
    // Loaded on the first invoice only: pdfkit and its fonts cost memory most processes never need.
    const { default: PDFDocument } = await import('pdfkit');
    const title = d.number === null ? 'Draft invoice' : `Invoice ${d.number}`;
    const doc = new PDFDocument({ size: 'A4', margin: LEFT, compress: false, info: { Title: `${title}, ${d.school.name}`, Author: d.school.name, Subject: title } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: d.total.currency });
    const money = (m: { minor: number }) => format.format(m.minor / 100);
    const text = (value: string, x: number, y: number, options: { font?: string; size?: number; width?: number; align?: 'left' | 'right'; color?: string } = {}) =>
      doc
        .font(options.font ?? 'Helvetica')
        .fontSize(options.size ?? 10)
        .fillColor(options.color ?? '#000000')
        .text(printable(value), x, y, { width: options.width ?? RIGHT - x, align: options.align ?? 'left' });

    // The school, and the invoice's own facts on the right.
    text(d.school.name, LEFT, 50, { font: 'Helvetica-Bold', size: 18, width: 280 });
    let y = doc.y + 4;
    for (const line of d.school.address) y = text(line, LEFT, y, { width: 280 }).y;
    text(title, 340, 50, { font: 'Helvetica-Bold', size: 16, width: RIGHT - 340, align: 'right' });
    const facts = [d.issuedOn && `Issued: ${d.issuedOn}`, d.dueOn && `Due: ${d.dueOn}`, d.periodLabel && `Period: ${d.periodLabel}`].filter((f): f is string => !!f);
    let right = doc.y + 4;
    for (const fact of facts) right = text(fact, 340, right, { width: RIGHT - 340, align: 'right' }).y;
    text(STAMPS[d.status], 340, right + 4, { font: 'Helvetica-Bold', size: 12, width: RIGHT - 340, align: 'right', color: d.status === 'paid' ? '#1b5e20' : d.status === 'overdue' ? '#b71c1c' : '#333333' });

    // Who pays it.
    y = Math.max(y, doc.y) + 24;
    text('Bill to', LEFT, y, { font: 'Helvetica-Bold', size: 11 });
    y = text(d.billTo.name, LEFT, doc.y + 2).y;
    for (const line of d.billTo.lines) y = text(line, LEFT, y).y;

    // The lines.
    y += 20;
    const row = (label: string, amount: string, options: { font?: string } = {}) => {
      if (y > 760) {
        doc.addPage();
        y = 50;
      }
      const top = y;
      const after = text(label, LEFT, top, { font: options.font, width: RIGHT - LEFT - AMOUNT_WIDTH - 10 }).y;
      text(amount, RIGHT - AMOUNT_WIDTH, top, { font: options.font, width: AMOUNT_WIDTH, align: 'right' });
      y = Math.max(after, doc.y) + 4;
    };
    row('Description', 'Amount', { font: 'Helvetica-Bold' });
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).strokeColor('#999999').stroke();
    y += 6;
    for (const line of d.lines) row(line.description, money(line.amount));
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).strokeColor('#999999').stroke();
    y += 6;
    row('Subtotal', money(d.subtotal));
    if (d.taxBasisPoints > 0) row(`Tax (${d.taxBasisPoints / 100} %)`, money(d.tax));
    row('Total', money(d.total), { font: 'Helvetica-Bold' });
    row('Paid', money(d.paid));
    row('Open', money(d.open), { font: 'Helvetica-Bold' });

    // How to pay.
    if (d.status !== 'void' && d.status !== 'paid' && d.paymentInstructions.length > 0) {
      y += 16;
      row('How to pay', '', { font: 'Helvetica-Bold' });
      for (const line of d.paymentInstructions) row(line, '');
    }
    doc.end();
    return new Uint8Array(await done);
  }
}
