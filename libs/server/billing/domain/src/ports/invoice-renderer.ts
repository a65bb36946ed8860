import type { InvoiceDocument } from '../model/invoice-document.js';

/** Renders an invoice's document as a PDF (pdfkit, in `infra-pdf`): layout only, every figure and word comes worked out. */
export abstract class InvoiceRenderer {
  abstract render(document: InvoiceDocument): Promise<Uint8Array>;
}
