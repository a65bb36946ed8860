// The kernel's test kit, a second entry point (`@cadenza/shared/kernel/testing`) for specs and
// other testing folders only: fakes of the kernel's own ports that every context's specs share.
export * from './fixed-clock.js';
export * from './immediate-unit-of-work.js';
export * from './recording-audit-trail.js';
export * from './recording-publisher.js';
export * from './snapshot-unit-of-work.js';
export * from './in-memory-rate-limiter.js';
export * from './in-memory-personal-data.js';
export * from './personal-data.contract.js';
