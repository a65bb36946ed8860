import { Module } from '@nestjs/common';
import { InvoiceRenderer } from '@cadenza/server/billing/domain';
import { PdfKitInvoiceRenderer } from './pdfkit-invoice-renderer.js';

/** Billing's invoice PDFs, drawn with pdfkit. */
@Module({ providers: [{ provide: InvoiceRenderer, useClass: PdfKitInvoiceRenderer }], exports: [InvoiceRenderer] })
export class BillingPdfModule {}
