export * from './lib/entities.js';
export * from './lib/migrations/Migration20261123000100_identity.js';
export * from './lib/repositories.js';
export * from './lib/identity-persistence.module.js';
