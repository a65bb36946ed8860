export * from './lib/counter-cards';
export * from './lib/counters-panel';
