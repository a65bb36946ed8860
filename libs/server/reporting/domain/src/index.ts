export * from './model/dashboard.js';
export * from './model/reports.js';
export * from './ports/dashboard-read-model.js';
export * from './ports/reports-read-model.js';
export * from './use-cases/compute-dashboard-counters.js';
export * from './use-cases/reports.js';
