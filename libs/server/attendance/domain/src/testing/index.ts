// The attendance domain's test kit, a second entry point (`@cadenza/server/attendance/domain/testing`) for specs
// only: the in-memory fakes, the world and the port contracts that keep the fakes honest.
export * from './in-memory.js';
export * from './attendance-world.js';
export * from './registers.contract.js';
export * from './attended-lessons.contract.js';
export * from './in-memory-practice.js';
export * from './practice.contract.js';
export * from './attendance-alerts.contract.js';
