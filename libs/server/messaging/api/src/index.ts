export * from './lib/presenters.js';
export * from './lib/messaging.module.js';
