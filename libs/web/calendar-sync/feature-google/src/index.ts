export * from './lib/google-calendar.routes';
