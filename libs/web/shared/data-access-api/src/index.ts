export * from './lib/api-paths';
export * from './lib/app-profile';
export * from './lib/auth-interceptor';
export * from './lib/auth-store';
export * from './lib/guards';
export * from './lib/problem';
export * from './lib/realtime-client';
export * from './lib/provide-api';
