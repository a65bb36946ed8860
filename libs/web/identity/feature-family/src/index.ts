export * from './lib/my-family-page';
export * from './lib/family.routes';
