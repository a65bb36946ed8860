export * from './lib/counters-store';
