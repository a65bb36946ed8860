// Builders and fakes for specs only: production code never imports this entry point.
export * from './lib/fake-realtime';
export * from './lib/testing';
export * from './lib/with-backend';
export * from './testing/page-harness';
