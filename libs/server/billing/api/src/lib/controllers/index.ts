export * from './billing-settings.controller.js';
export * from './rates.controller.js';
export * from './billing-accounts.controller.js';
export * from './invoices.controller.js';
export * from './billing-runs.controller.js';
