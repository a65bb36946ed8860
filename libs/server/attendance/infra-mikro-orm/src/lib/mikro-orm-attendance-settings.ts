import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { AttendanceSettingsStore, DEFAULT_ATTENDANCE_SETTINGS, type AttendanceSettings } from '@cadenza/server/attendance/domain';
import { AttendanceSettingsSchema } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/** The school's attendance settings in `attendance_settings` (no row: the defaults). */
@Injectable()
export class MikroOrmAttendanceSettings extends AttendanceSettingsStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(): Promise<AttendanceSettings> {
    const row = await this.em.findOne(AttendanceSettingsSchema, { schoolId: currentSchool(this.em) }, NO_MAP);
    return row
      ? {
          earlyMarkingMinutes: row.earlyMarkingMinutes,
          markingWindowDays: row.markingWindowDays,
          onTimeGraceMinutes: row.onTimeGraceMinutes,
          missingRegisterReminderTime: row.missingRegisterReminderTime,
          streakAlertsToGuardians: row.streakAlertsToGuardians,
        }
      : { ...DEFAULT_ATTENDANCE_SETTINGS };
  }

  async save(settings: AttendanceSettings): Promise<void> {
    await this.em.upsert(AttendanceSettingsSchema, { schoolId: currentSchool(this.em), ...settings }, NO_MAP);
  }
}
