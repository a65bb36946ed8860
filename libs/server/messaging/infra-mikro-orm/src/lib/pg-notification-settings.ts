import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_REMINDER_OFFSETS, SchoolNotificationSettings } from '@cadenza/server/messaging/domain';
import { type SchoolId } from '@cadenza/shared/kernel';
import { NotificationSettingsSchema } from './entities.js';
import { NO_MAP } from './rows.js';

/** The school's reminder defaults (a row in `notification_settings`, or 24 h, 1 h and 30 min), through its entity schema. */
@Injectable()
export class PgNotificationSettings extends SchoolNotificationSettings {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async saveReminderOffsets(schoolId: SchoolId, offsets: readonly number[]): Promise<void> {
    await this.em.upsert(NotificationSettingsSchema, { schoolId, reminderOffsets: [...offsets], updatedAt: new Date() }, NO_MAP);
  }

  async reminderOffsets(): Promise<number[]> {
    const row = await this.em.findOne(NotificationSettingsSchema, {}, NO_MAP);
    return row ? [...row.reminderOffsets] : [...DEFAULT_REMINDER_OFFSETS];
  }
}
