// The reporting domain's test kit, a second entry point (`@cadenza/server/reporting/domain/testing`),
// imported only from specs.
export * from './in-memory-dashboard-read-model.js';
export * from './dashboard-read-model.contract.js';
