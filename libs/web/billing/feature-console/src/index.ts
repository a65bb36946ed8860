export * from './lib/billing.routes';
