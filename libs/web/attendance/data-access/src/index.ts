export * from './lib/attendance-api';
export * from './lib/status-labels';
