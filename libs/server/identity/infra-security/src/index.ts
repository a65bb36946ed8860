export * from './lib/security.adapters.js';
