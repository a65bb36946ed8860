import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { DEFAULT_REMINDER_OFFSETS, SchoolNotificationSettings } from '@cadenza/server/messaging/domain';
import { type SchoolId } from '@cadenza/shared/kernel';
import { pgArray } from './rows.js';

/** The school's reminder defaults (a row in `notification_settings`, or 24 h, 1 h and 30 min). */
@Injectable()
export class PgNotificationSettings extends SchoolNotificationSettings {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async saveReminderOffsets(schoolId: SchoolId, offsets: readonly number[]): Promise<void> {
    await this.em.execute(
      `insert into notification_settings (school_id, reminder_offsets, updated_at) values (?, ?::integer[], now())
       on conflict (school_id) do update set reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at`,
      [schoolId, pgArray(offsets)],
    );
  }

  async reminderOffsets(): Promise<number[]> {
    const [row] = await this.em.execute<{ reminder_offsets: number[] }[]>(`select reminder_offsets from notification_settings where school_id = ?`, [currentSchool(this.em)]);
    return row ? row.reminder_offsets : [...DEFAULT_REMINDER_OFFSETS];
  }
}
