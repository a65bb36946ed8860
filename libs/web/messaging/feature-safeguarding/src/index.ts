export * from './lib/safeguarding.routes';
export * from './lib/transcript-file';
export * from './lib/person-conversations';
