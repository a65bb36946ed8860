export * from './lib/app-shell';
