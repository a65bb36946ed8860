export * from './lib/demo-school.js';
export * from './lib/demo-timetable.js';
export * from './lib/in-school.js';
