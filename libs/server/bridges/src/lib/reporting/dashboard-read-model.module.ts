import { Module } from '@nestjs/common';
import { DashboardReadModel } from '@cadenza/server/reporting/domain';
import { SqlDashboardReadModel } from './sql-dashboard-read-model.js';

/** Reporting's view of the other contexts' records: the dashboards' reads in plain SQL over their tables. */
@Module({
  providers: [{ provide: DashboardReadModel, useClass: SqlDashboardReadModel }],
  exports: [DashboardReadModel],
})
export class DashboardReadModelModule {}
