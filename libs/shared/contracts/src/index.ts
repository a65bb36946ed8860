export * from './lib/constants.js';
export * from './lib/identity.js';
export * from './lib/problem.js';
export * from './lib/scheduling.js';
export * from './lib/messaging.js';
export * from './lib/notifications.js';
export * from './lib/realtime.js';
export * from './lib/people.js';
