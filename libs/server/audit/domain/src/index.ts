export * from './lib/audit-log.js';
