export * from './lib/counters-store';
export * from './lib/reports-api';
