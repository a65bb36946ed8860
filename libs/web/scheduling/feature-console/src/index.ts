export * from './lib/console-scheduling.routes';
