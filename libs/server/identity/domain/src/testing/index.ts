// The identity domain's test kit, a second entry point (`@cadenza/server/identity/domain/testing`)
// for specs only: the in-memory fakes and the port contracts that keep them honest.
export * from './in-memory.js';
export * from './in-memory-families.js';
export * from './family-repository.contract.js';
export * from './user-repository.contract.js';
export * from './in-memory-people-search.js';
export * from './in-memory-erasures.js';
export * from './profile-repositories.contract.js';
export * from './in-memory-school.js';
export * from './in-memory-imported-people.js';
export * from './imported-people.contract.js';
