export * from './lib/spec-database.js';
