export * from './lib/s3-attachment-store.js';
