import { Module } from '@nestjs/common';
import { ReportsReadModel } from '@cadenza/server/reporting/domain';
import { SqlReportsReadModel } from './sql-reports-read-model.js';

/** The reports' view of the other contexts' records: aggregates in plain SQL over their tables. */
@Module({
  providers: [{ provide: ReportsReadModel, useClass: SqlReportsReadModel }],
  exports: [ReportsReadModel],
})
export class ReportsReadModelModule {}
