export * from './lib/portal-scheduling.routes';
