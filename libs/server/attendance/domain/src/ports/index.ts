export * from './attended-lessons.js';
export * from './registers.js';
export * from './attendance-settings-store.js';
export * from './attendance-events.js';
export * from './attendance-school.js';
export * from './attendance-alerts.js';
