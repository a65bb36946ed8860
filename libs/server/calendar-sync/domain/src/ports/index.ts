export * from './calendar-directory.js';
export * from './calendar-feeds.js';
export * from './feed-lessons.js';
export * from './feed-secrets.js';
export * from './school-context.js';
export * from './busy-blocks.js';
export * from './external-calendars.js';
