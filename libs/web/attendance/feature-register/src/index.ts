export * from './lib/register.routes';
