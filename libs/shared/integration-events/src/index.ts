export * from './lib/integration-event.js';
export * from './lib/stored-event.js';
export type * from './lib/scheduling-events.js';
export type * from './lib/messaging-events.js';
export type * from './lib/notification-events.js';
export type * from './lib/identity-events.js';
export type * from './lib/attendance-events.js';
export type * from './lib/billing-events.js';
