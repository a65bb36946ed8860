export * from './lib/coalescing-runner.js';
