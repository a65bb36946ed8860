export * from './lib/onboarding.module.js';
