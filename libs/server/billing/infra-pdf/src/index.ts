export * from './lib/pdfkit-invoice-renderer.js';
export * from './lib/billing-pdf.module.js';
