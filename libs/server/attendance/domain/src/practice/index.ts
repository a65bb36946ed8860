export * from './model.js';
export * from './ports.js';
export * from './practice-ports.js';
export * from './access.js';
export * from './assignments.js';
export * from './practice-logs.js';
export * from './progress.js';
