export * from './lib/stripe-payments.module.js';
export * from './lib/stripe-payment-gateway.js';
export * from './lib/mappers/to-payment-event.js';
