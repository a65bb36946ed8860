export * from './lib/calendar-feed-api';
export * from './lib/google-calendar-api';
