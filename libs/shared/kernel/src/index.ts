export * from './lib/clock.js';
export * from './lib/errors.js';
export * from './lib/ids.js';
export * from './lib/interval.js';
export * from './lib/money.js';
export * from './lib/time-zone.js';
export * from './lib/ports.js';
export * from './lib/copy.js';
