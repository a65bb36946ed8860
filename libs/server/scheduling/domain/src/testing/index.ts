// The scheduling domain's test kit, a second entry point (`@cadenza/server/scheduling/domain/testing`)
// for specs only: the in-memory fakes and the port contracts that keep them honest.
export * from './in-memory.js';
export * from './lesson-repository.contract.js';
export * from './makeup-credit-repository.contract.js';
export * from './scheduling-world.js';
