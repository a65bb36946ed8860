import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows, schoolWrite } from '@cadenza/server/platform/db';
import { DEFAULT_REMINDER_OFFSETS, SchoolNotificationSettings } from '@cadenza/server/messaging/domain';
import { type SchoolId } from '@cadenza/shared/kernel';
import { pgArray } from './rows.js';
import { REMINDER_OFFSETS, SAVE_REMINDER_OFFSETS } from './statements.js';

/** The school's reminder defaults (a row in `notification_settings`, or 24 h, 1 h and 30 min). */
@Injectable()
export class PgNotificationSettings extends SchoolNotificationSettings {
  constructor(private readonly em: EntityManager) {
    super();
  }

  /** Written in the school in force, which is the admin's (`schoolId`). */
  async saveReminderOffsets(_schoolId: SchoolId, offsets: readonly number[]): Promise<void> {
    await schoolWrite(this.em, SAVE_REMINDER_OFFSETS, [pgArray(offsets)]);
  }

  async reminderOffsets(): Promise<number[]> {
    const [row] = await schoolRows(this.em, REMINDER_OFFSETS, []);
    return row ? row.reminder_offsets : [...DEFAULT_REMINDER_OFFSETS];
  }
}
