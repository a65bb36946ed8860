export * from './lib/config.js';
export * from './lib/config.module.js';
export * from './lib/system-clock.js';
