export * from './lib/db-health.js';
export * from './lib/db.module.js';
export * from './lib/embedded-postgres.js';
export * from './lib/migrate.js';
export * from './lib/orm-config.js';
export * from './lib/outbox.js';
export * from './lib/tenancy.js';
export * from './lib/unit-of-work.js';
