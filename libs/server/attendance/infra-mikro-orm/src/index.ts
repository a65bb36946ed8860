export * from './lib/entities.js';
export * from './lib/statements.js';
export * from './lib/mikro-orm-attended-lessons.js';
export * from './lib/mikro-orm-registers.js';
export * from './lib/mikro-orm-attendance-settings.js';
export * from './lib/mikro-orm-practice.js';
export * from './lib/outbox-attendance-events.js';
export * from './lib/attendance-persistence.module.js';
