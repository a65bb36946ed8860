export * from './lib/portal-billing.routes';
