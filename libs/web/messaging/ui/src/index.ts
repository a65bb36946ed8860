export * from './lib/composer';
export * from './lib/message-list';
export * from './lib/thread-list';
