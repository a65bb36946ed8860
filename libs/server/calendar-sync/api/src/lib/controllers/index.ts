export * from './calendar-feeds.controller.js';
export * from './my-calendar-feed.controller.js';
export * from './google-calendar.controller.js';
