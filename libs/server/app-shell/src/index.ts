export * from './lib/persistence.js';
export * from './lib/notification-directory.js';
export * from './lib/notification-adapters.js';
export * from './lib/notification-jobs.js';
