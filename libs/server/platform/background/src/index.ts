export * from './lib/coalescing-runner.js';
export * from './lib/process-lifecycle.js';
export * from './lib/queues.js';
