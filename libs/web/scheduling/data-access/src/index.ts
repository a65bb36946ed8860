// The pure helpers live in @cadenza/web/scheduling/util; re-exported for the features' convenience.
export * from '@cadenza/web/scheduling/util';
export * from './lib/conflicts';
export * from './lib/scheduling-api';
export * from './lib/lessons-store';
