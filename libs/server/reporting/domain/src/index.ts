export * from './model/dashboard.js';
export * from './ports/dashboard-read-model.js';
export * from './use-cases/compute-dashboard-counters.js';
