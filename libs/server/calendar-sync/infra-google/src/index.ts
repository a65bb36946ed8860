export * from './lib/google-calendar-settings.js';
export * from './lib/googleapis-external-calendars.js';
export * from './lib/to-external-change.js';
