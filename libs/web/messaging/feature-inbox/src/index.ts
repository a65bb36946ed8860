export * from './lib/inbox.routes';
export * from './lib/rows';
export * from './lib/versions-dialog';
export * from './lib/thread-view';
export * from './lib/thread-messages';
