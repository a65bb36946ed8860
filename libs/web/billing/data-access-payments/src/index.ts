export * from './lib/invoice-payments-api';
