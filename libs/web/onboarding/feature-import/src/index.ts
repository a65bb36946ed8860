export * from './lib/import.routes';
