import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ComputeDashboardCounters, DashboardReadModel } from '@cadenza/server/reporting/domain';
import { Clock } from '@cadenza/shared/kernel';
import { build } from '@cadenza/server/platform/http';
import { CountersController } from './counters.controller.js';

/**
 * The reporting context: so far the live counters of the home pages. Its `DashboardReadModel`
 * reads other contexts' records, so the app provides it (`adapters`).
 */
@Module({})
export class ReportingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: ReportingModule,
      imports: options.adapters,
      controllers: [CountersController],
      providers: [build(ComputeDashboardCounters, [DashboardReadModel, Clock])],
      exports: [ComputeDashboardCounters],
    };
  }
}
