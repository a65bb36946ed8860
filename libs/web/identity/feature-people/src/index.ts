export * from './lib/people.routes';
