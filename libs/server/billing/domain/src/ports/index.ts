export * from './rates.js';
export * from './billing-settings-store.js';
export * from './billing-accounts.js';
export * from './invoices.js';
export * from './invoice-numbering.js';
export * from './billing-directory.js';
export * from './billed-lessons.js';
export * from './payment-gateway.js';
