export * from './lib/audit-event.entity.js';
export * from './lib/audit.adapters.js';
