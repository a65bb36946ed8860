export * from './lib/google-calendar-settings.js';
export * from './lib/googleapis-external-calendars.js';
export * from './lib/to-external-change.js';
export * from './lib/google-errors.js';
export * from './lib/googleapis-google-accounts.js';
export * from './lib/calendar-sync-google.module.js';
