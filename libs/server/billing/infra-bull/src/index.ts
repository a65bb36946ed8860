export * from './lib/bull-billing-run-queue.js';
