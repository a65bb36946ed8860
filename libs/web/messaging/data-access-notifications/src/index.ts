export * from './lib/notifications-api';
export * from './lib/notifications-store';
export * from './lib/offsets';
