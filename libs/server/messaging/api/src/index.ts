export * from './lib/presenters.js';
export * from './lib/messaging.module.js';
export * from './lib/sweeps.js';
export * from './lib/notifications.module.js';
