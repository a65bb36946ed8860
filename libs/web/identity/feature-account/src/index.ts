export * from './lib/account-page';
export * from './lib/account.routes';
