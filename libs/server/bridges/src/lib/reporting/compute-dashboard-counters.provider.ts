import type { FactoryProvider } from '@nestjs/common';
import { ComputeDashboardCounters, DashboardReadModel } from '@cadenza/server/reporting/domain';
import { Clock } from '@cadenza/shared/kernel';

/** Reporting's counters use case, for the socket's routers and the ticker, over the read model bound here. */
export const computeDashboardCounters: FactoryProvider<ComputeDashboardCounters> = {
  provide: ComputeDashboardCounters,
  useFactory: (readModel: DashboardReadModel, clock: Clock) => new ComputeDashboardCounters(readModel, clock),
  inject: [DashboardReadModel, Clock],
};
