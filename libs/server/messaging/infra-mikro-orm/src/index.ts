export * from './lib/entities.js';
export * from './lib/repositories.js';
export * from './lib/messaging-persistence.module.js';
export * from './lib/notifications.js';
