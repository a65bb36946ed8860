export * from './lib/health.js';
export * from './lib/logging.js';
export * from './lib/metrics.js';
export * from './lib/observability.module.js';
