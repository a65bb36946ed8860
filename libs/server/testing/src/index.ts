export * from './lib/api-process.js';
export * from './lib/test-database.js';
export { MailCapture, linkIn, type CapturedMail } from '@cadenza/server/platform/mail';
export * from './lib/school-scope.js';
export * from './lib/s3-server.js';
export * from './lib/pdf-text.js';
