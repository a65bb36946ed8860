export * from './lib/entities.js';
export * from './lib/statements.js';
export * from './lib/mikro-orm-rates.js';
export * from './lib/mikro-orm-billing-settings.js';
export * from './lib/mikro-orm-billing-accounts.js';
export * from './lib/mikro-orm-invoices.js';
export * from './lib/postgres-invoice-numbering.js';
export * from './lib/billing-persistence.module.js';
