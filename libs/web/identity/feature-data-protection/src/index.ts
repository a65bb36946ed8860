export * from './lib/data-protection-panel';
