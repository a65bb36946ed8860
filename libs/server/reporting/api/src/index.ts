export * from './lib/counters.controller.js';
export * from './lib/reporting.module.js';
