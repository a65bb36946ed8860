export * from './lib/practice.routes';
export * from './lib/person-practice-panel';
