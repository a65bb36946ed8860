export * from './lib/mail-capture.js';
export * from './lib/mail-transport.js';
export * from './lib/mail.module.js';
