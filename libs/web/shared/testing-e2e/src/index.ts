export * from './lib/accessibility.js';
export * from './lib/browser.js';
export * from './lib/journeys.js';
export * from './lib/rest-session.js';
