// Builders for specs only: production code never imports this entry point.
export * from './testing/invoices';
