export * from './lib/audit-event.entity.js';
export * from './lib/audit.adapters.js';
export * from './lib/mikro-orm-audit-personal-data.js';
export * from './lib/statements.js';
