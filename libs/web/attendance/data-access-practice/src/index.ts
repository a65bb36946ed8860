export * from './lib/practice-api';
