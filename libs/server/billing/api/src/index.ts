export * from './lib/billing.module.js';
