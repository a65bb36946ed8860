export * from './lib/console-scheduling.routes';
export * from './lib/today/today-lessons-panel';
export * from './lib/person/person-lessons-panel';
