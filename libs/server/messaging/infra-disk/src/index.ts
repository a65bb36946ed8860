export * from './lib/disk-attachment-store.js';
