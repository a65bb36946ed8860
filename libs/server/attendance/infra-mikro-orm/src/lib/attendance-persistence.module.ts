import { Module } from '@nestjs/common';
import { Assignments, AttendanceAlerts, AttendanceEvents, AttendanceSettingsStore, AttendedLessons, PracticeLogs, ProgressRecords, Registers, StudentLessons } from '@cadenza/server/attendance/domain';
import { attendanceEntities } from './entities.js';
import { Migration20261208000700_attendance } from './migrations/Migration20261208000700_attendance.js';
import { Migration20261209000300_attendance_alerts } from './migrations/Migration20261209000300_attendance_alerts.js';
import { Migration20261209000320_attendance_history_erasure } from './migrations/Migration20261209000320_attendance_history_erasure.js';
import { Migration20261209000400_practice } from './migrations/Migration20261209000400_practice.js';
import { MikroOrmAttendanceAlerts } from './mikro-orm-attendance-alerts.js';
import { MikroOrmAssignments, MikroOrmPracticeLogs, MikroOrmProgressRecords, MikroOrmStudentLessons } from './mikro-orm-practice.js';
import { MikroOrmAttendanceSettings } from './mikro-orm-attendance-settings.js';
import { MikroOrmAttendedLessons } from './mikro-orm-attended-lessons.js';
import { MikroOrmRegisters } from './mikro-orm-registers.js';
import { OutboxAttendanceEvents } from './outbox-attendance-events.js';

export const attendancePersistence = { entities: attendanceEntities, migrations: [Migration20261208000700_attendance, Migration20261209000300_attendance_alerts, Migration20261209000320_attendance_history_erasure, Migration20261209000400_practice] };

const providers = [
  { provide: AttendedLessons, useClass: MikroOrmAttendedLessons },
  { provide: Registers, useClass: MikroOrmRegisters },
  { provide: AttendanceSettingsStore, useClass: MikroOrmAttendanceSettings },
  { provide: AttendanceEvents, useClass: OutboxAttendanceEvents },
  { provide: Assignments, useClass: MikroOrmAssignments },
  { provide: PracticeLogs, useClass: MikroOrmPracticeLogs },
  { provide: ProgressRecords, useClass: MikroOrmProgressRecords },
  { provide: StudentLessons, useClass: MikroOrmStudentLessons },
  { provide: AttendanceAlerts, useClass: MikroOrmAttendanceAlerts },
];

/** The attendance context's ports on PostgreSQL through MikroORM, events to the outbox (practice's directory is the app's: bridges). */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class AttendanceMikroOrmModule {}
