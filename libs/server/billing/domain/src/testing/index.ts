// The billing domain's test kit, a second entry point (`@cadenza/server/billing/domain/testing`) for specs only: the
// in-memory fakes, the world and the port contracts that keep the fakes honest.
export * from './in-memory.js';
export * from './billing-world.js';
export * from './rates.contract.js';
export * from './invoices.contract.js';
export * from './invoice-numbering.contract.js';
export * from './billing-accounts.contract.js';
export * from './billed-lessons.contract.js';
export * from './in-memory-payments.js';
export * from './payments.contract.js';
export * from './payment-world.js';
