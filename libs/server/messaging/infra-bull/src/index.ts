export * from './lib/bull-delivery-queue.js';
