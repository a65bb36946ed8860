export * from './lib/account-api';
export * from './lib/people-api';
export * from './lib/me-api';
export * from './lib/data-protection-api';
export * from './lib/history-api';
