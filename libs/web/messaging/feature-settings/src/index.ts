export * from './lib/messaging-settings.routes';
export * from './lib/delivery-log.routes';
