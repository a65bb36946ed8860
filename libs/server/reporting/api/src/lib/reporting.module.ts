import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AttendanceReport, ComputeDashboardCounters, DashboardReadModel, ReportLessons, ReportsReadModel, RoomUtilisationReport, StudentsAtRiskReport, TeacherFiguresReport, TeacherHoursReport } from '@cadenza/server/reporting/domain';
import { Clock } from '@cadenza/shared/kernel';
import { build } from '@cadenza/server/platform/http';
import { CountersController } from './counters.controller.js';
import { ReportsController } from './reports.controller.js';

/**
 * The reporting context: the live counters of the home pages and the school's reports. Its read models
 * (`DashboardReadModel`, `ReportsReadModel`) read other contexts' records, so the app provides them (`adapters`).
 */
@Module({})
export class ReportingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: ReportingModule,
      imports: options.adapters,
      controllers: [CountersController, ReportsController],
      providers: [
        build(ComputeDashboardCounters, [DashboardReadModel, Clock]),
        ...[RoomUtilisationReport, AttendanceReport, StudentsAtRiskReport, TeacherHoursReport, TeacherFiguresReport, ReportLessons].map((report) => build(report, [ReportsReadModel])),
      ],
      exports: [ComputeDashboardCounters],
    };
  }
}
