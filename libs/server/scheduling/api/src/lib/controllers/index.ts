export * from './availability.controller.js';
export * from './calendar.controller.js';
export * from './lesson-requests.controller.js';
export * from './lessons.controller.js';
export * from './makeup-credits.controller.js';
export * from './policy.controller.js';
export * from './rooms.controller.js';
export * from './series.controller.js';
