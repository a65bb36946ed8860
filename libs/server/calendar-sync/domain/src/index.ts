export * from './model/calendar-feed.js';
export * from './model/feed-lesson.js';
export * from './model/ids.js';
export * from './model/person-feed.js';
export * from './ports/index.js';
export * from './use-cases/calendar-feeds.js';
export * from './use-cases/record-feed-lessons.js';
export * from './calendar-sync-use-cases.js';
