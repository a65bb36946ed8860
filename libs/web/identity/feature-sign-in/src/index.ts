export * from './lib/sign-in-page';
export * from './lib/sign-in.routes';
export * from './lib/switch-app-page';
