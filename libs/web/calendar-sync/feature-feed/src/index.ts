export * from './lib/calendar-feed-panel';
