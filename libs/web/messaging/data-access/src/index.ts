export * from './lib/inbox-format';
export * from './lib/inbox-store';
export * from './lib/messaging-api';
export * from './lib/messages-nav';
export * from './lib/lead-guard';
export * from './lib/attachments';
