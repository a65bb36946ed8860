export * from './lib/calendar-feed-api';
