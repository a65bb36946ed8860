import { Module } from '@nestjs/common';
import { computeDashboardCounters } from '../reporting/compute-dashboard-counters.provider.js';
import { DashboardReadModelModule } from '../reporting/dashboard-read-model.module.js';
import { AdminCountersTicker } from './admin-counters-ticker.js';

/** The admins' counters pushed each minute, as lessons start and end (needs the realtime module's presence). */
@Module({
  imports: [DashboardReadModelModule],
  providers: [computeDashboardCounters, AdminCountersTicker],
})
export class CountersTickerModule {}
