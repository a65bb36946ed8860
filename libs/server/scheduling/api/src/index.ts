export * from './lib/calendar-cache.js';
export * from './lib/calendar-versions.js';
export * from './lib/presenters.js';
export * from './lib/scheduling.module.js';
export * from './lib/sweeps.js';
