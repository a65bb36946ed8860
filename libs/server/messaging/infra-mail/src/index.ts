export * from './lib/smtp-email-sender.js';
