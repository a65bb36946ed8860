import { Module } from '@nestjs/common';
import { AttendanceEvents, AttendanceSettingsStore, AttendedLessons, Registers } from '@cadenza/server/attendance/domain';
import { attendanceEntities } from './entities.js';
import { Migration20261208000700_attendance } from './migrations/Migration20261208000700_attendance.js';
import { MikroOrmAttendanceSettings } from './mikro-orm-attendance-settings.js';
import { MikroOrmAttendedLessons } from './mikro-orm-attended-lessons.js';
import { MikroOrmRegisters } from './mikro-orm-registers.js';
import { OutboxAttendanceEvents } from './outbox-attendance-events.js';

export const attendancePersistence = { entities: attendanceEntities, migrations: [Migration20261208000700_attendance] };

const providers = [
  { provide: AttendedLessons, useClass: MikroOrmAttendedLessons },
  { provide: Registers, useClass: MikroOrmRegisters },
  { provide: AttendanceSettingsStore, useClass: MikroOrmAttendanceSettings },
  { provide: AttendanceEvents, useClass: OutboxAttendanceEvents },
];

/** The attendance context's ports on PostgreSQL through MikroORM, events to the outbox. */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class AttendanceMikroOrmModule {}
