export * from './lib/attendance.module.js';
export * from './lib/lesson-events-consumer.js';
export * from './lib/presenters.js';
