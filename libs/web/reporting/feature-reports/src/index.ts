export * from './lib/reports.routes';
