// The calendar sync domain's test kit, a second entry point (`@cadenza/server/calendar-sync/domain/testing`) for specs
// only: the in-memory fakes, the world and the port contracts that keep the fakes honest.
export * from './in-memory.js';
export * from './calendar-sync-world.js';
export * from './feed-lessons.contract.js';
export * from './calendar-feeds.contract.js';
export * from './busy-blocks.contract.js';
export * from './google-connections.contract.js';
