// Builders and fakes for specs only.
export * from './lib/testing';
