export * from './lib/mail.adapters.js';
