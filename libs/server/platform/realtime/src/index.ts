export * from './lib/outbox-relay.js';
export * from './lib/realtime-io.adapter.js';
export * from './lib/realtime-publisher.js';
export * from './lib/realtime-router.js';
export * from './lib/realtime.gateway.js';
export * from './lib/realtime.module.js';
export * from './lib/rooms.js';
export * from './lib/types.js';
