export * from './lib/calendar-sync.module.js';
export * from './lib/feed-lessons-consumer.js';
