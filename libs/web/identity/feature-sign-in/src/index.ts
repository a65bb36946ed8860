export * from './lib/accept-invitation-page';
export * from './lib/forgot-password-page';
export * from './lib/reset-password-page';
export * from './lib/sign-in-page';
export * from './lib/sign-in.routes';
export * from './lib/switch-app-page';
