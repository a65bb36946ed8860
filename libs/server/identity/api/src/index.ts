export * from './lib/identity.module.js';
export * from './lib/presenters.js';
