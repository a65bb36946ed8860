export * from './lib/import-api';
