// The messaging domain's test kit, a second entry point (`@cadenza/server/messaging/domain/testing`)
// for specs only: the in-memory fakes, the world of use cases over them, and the port contracts.
export * from './attachment-repository.contract.js';
export * from './attachment-store.contract.js';
export * from './in-memory.js';
export * from './messaging-world.js';
export * from './in-memory-notifications.js';
export * from './delivery-log.contract.js';
export * from './thread-repository.contract.js';
