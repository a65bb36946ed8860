export * from './lib/home-page';
export * from './lib/home.routes';
