export * from './lib/notification-bell';
export * from './lib/notification-labels';
export * from './lib/notification-preferences-page';
export * from './lib/notifications.routes';
