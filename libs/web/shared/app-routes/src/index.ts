export * from './lib/app-routes';
