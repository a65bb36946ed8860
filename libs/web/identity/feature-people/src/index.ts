export * from './lib/people.routes';
export * from './lib/people-api';
