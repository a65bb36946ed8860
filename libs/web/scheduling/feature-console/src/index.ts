export * from './lib/console-scheduling.routes';
export * from './lib/today/today-lessons-panel';
