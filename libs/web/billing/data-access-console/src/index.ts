export * from './lib/billing-console-api';
