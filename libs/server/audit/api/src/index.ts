export * from './lib/audit.module.js';
