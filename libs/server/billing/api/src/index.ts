export * from './lib/billing.module.js';
export * from './lib/lesson-facts-consumer.js';
