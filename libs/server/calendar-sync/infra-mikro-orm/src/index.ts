export * from './lib/entities.js';
export * from './lib/mikro-orm-feed-lessons.js';
export * from './lib/mikro-orm-calendar-feeds.js';
export * from './lib/orm-school-context.js';
export * from './lib/mikro-orm-busy-blocks.js';
export * from './lib/mikro-orm-calendar-sync-personal-data.js';
export * from './lib/calendar-sync-persistence.module.js';
