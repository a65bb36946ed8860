export * from './lib/entities.js';
export * from './lib/mappers.js';
export * from './lib/repositories.js';
export * from './lib/scheduling-persistence.module.js';
