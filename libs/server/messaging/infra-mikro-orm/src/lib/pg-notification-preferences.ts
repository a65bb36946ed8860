import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows, schoolWrite } from '@cadenza/server/platform/db';
import { NotificationPreferenceStore, type PreferencesState } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { json, pgArray } from './rows.js';
import { LARGEST_REMINDER_OFFSET, PREFERENCES_OF, SAVE_PREFERENCES, type PreferencesRow } from './statements.js';

const toPrefs = (r: PreferencesRow): PreferencesState => ({
  userId: asId<UserId>(r.user_id),
  schoolId: asId<SchoolId>(r.school_id),
  email: r.email as PreferencesState['email'],
  quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : null,
  timeZone: r.time_zone,
  reminderOffsets: r.reminder_offsets,
});

@Injectable()
export class PgNotificationPreferences extends NotificationPreferenceStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async of(userId: UserId) {
    const [row] = await schoolRows(this.em, PREFERENCES_OF, [pgArray([userId])]);
    return row ? toPrefs(row) : null;
  }

  async ofMany(userIds: readonly UserId[]) {
    if (userIds.length === 0) return [];
    const rows = await schoolRows(this.em, PREFERENCES_OF, [pgArray(userIds)]);
    return rows.map(toPrefs);
  }

  async largestReminderOffset() {
    const [row] = await schoolRows(this.em, LARGEST_REMINDER_OFFSET, []);
    return row?.m ?? null;
  }

  async save(state: PreferencesState) {
    await schoolWrite(this.em, SAVE_PREFERENCES, [
      state.userId,
      json(state.email),
      state.quietHours?.start ?? null,
      state.quietHours?.end ?? null,
      state.timeZone,
      state.reminderOffsets ? pgArray(state.reminderOffsets) : null,
    ]);
  }
}
