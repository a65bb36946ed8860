import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ATTENDANCE_USE_CASES, Assignments, AttendanceAlerts, AttendanceEvents, AttendanceSchool, AttendanceSettingsStore, AttendedLessons, PracticeDirectory, PracticeLogs, ProgressRecords, Registers, StudentLessons, attendanceUseCases, type AttendancePorts } from '@cadenza/server/attendance/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { AttendanceSettingsController, DayRegisterController, PracticeController, RegistersController } from './controllers/index.js';
import { LessonEventsConsumer } from './lesson-events-consumer.js';

/** The token each port of attendance is injected by: checked against `AttendancePorts`, so a swapped entry does not compile. */
export const ATTENDANCE_PORT_TOKENS: TokenRecord<AttendancePorts> = {
  lessons: AttendedLessons,
  registers: Registers,
  settings: AttendanceSettingsStore,
  events: AttendanceEvents,
  school: AttendanceSchool,
  alerts: AttendanceAlerts,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
  assignments: Assignments,
  practiceLogs: PracticeLogs,
  progress: ProgressRecords,
  studentLessons: StudentLessons,
  practiceDirectory: PracticeDirectory,
};

const useCases = useCaseProviders({ name: 'attendance use cases', ports: ATTENDANCE_PORT_TOKENS, create: attendanceUseCases, types: ATTENDANCE_USE_CASES });

/**
 * The attendance context: lessons' registers, marks and their history, starting and ending lessons, the school's
 * attendance settings, and students' assignments, practice and progress (`PracticeDirectory` comes from the app). It learns about lessons from scheduling's events only (`LessonEventsConsumer`, with
 * `background`); the app passes the modules providing its ports (`AttendanceSchool` from bridges). `controllers: false`
 * gives the use cases alone, for the jobs (`AttendanceJobsModule`).
 */
@Module({})
export class AttendanceModule {
  static register(options: { adapters: Type[]; background?: boolean; controllers?: boolean }): DynamicModule {
    return {
      module: AttendanceModule,
      imports: options.adapters,
      controllers: options.controllers === false ? [] : [RegistersController, DayRegisterController, AttendanceSettingsController, PracticeController],
      providers: [...useCases.providers, ...(options.background ? [LessonEventsConsumer] : [])],
      exports: [...useCases.exports],
    };
  }
}
