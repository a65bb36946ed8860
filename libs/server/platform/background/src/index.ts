export * from './lib/coalescing-runner.js';
export * from './lib/process-lifecycle.js';
export * from './lib/queues.js';
export * from './lib/background-loop.js';
