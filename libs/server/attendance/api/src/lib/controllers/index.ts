export * from './attendance-settings.controller.js';
export * from './registers.controller.js';
export * from './practice.controller.js';
export * from './day-register.controller.js';
