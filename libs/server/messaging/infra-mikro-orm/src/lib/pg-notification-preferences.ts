import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { NotificationPreferenceStore, type PreferencesState } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { NotificationPreferenceSchema, type NotificationPreferenceRow } from './entities.js';
import { NO_MAP } from './rows.js';
import { LARGEST_REMINDER_OFFSET } from './statements.js';

const toPrefs = (r: NotificationPreferenceRow): PreferencesState => ({
  userId: asId<UserId>(r.userId),
  schoolId: asId<SchoolId>(r.schoolId),
  email: r.email as PreferencesState['email'],
  quietHours: r.quietStart && r.quietEnd ? { start: r.quietStart, end: r.quietEnd } : null,
  timeZone: r.timeZone,
  reminderOffsets: r.reminderOffsets ? [...r.reminderOffsets] : null,
});

/** Each person's notification choices, through their entity schema; no row means the defaults. */
@Injectable()
export class PgNotificationPreferences extends NotificationPreferenceStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async of(userId: UserId) {
    const row = await this.em.findOne(NotificationPreferenceSchema, { userId }, NO_MAP);
    return row ? toPrefs(row) : null;
  }

  async ofMany(userIds: readonly UserId[]) {
    if (userIds.length === 0) return [];
    return (await this.em.find(NotificationPreferenceSchema, { userId: { $in: [...userIds] } }, NO_MAP)).map(toPrefs);
  }

  async largestReminderOffset() {
    const [row] = await schoolRows(this.em, LARGEST_REMINDER_OFFSET, []);
    return row?.m ?? null;
  }

  async save(state: PreferencesState) {
    await this.em.upsert(
      NotificationPreferenceSchema,
      {
        userId: state.userId,
        schoolId: state.schoolId,
        email: state.email,
        quietStart: state.quietHours?.start ?? null,
        quietEnd: state.quietHours?.end ?? null,
        timeZone: state.timeZone,
        reminderOffsets: state.reminderOffsets ? [...state.reminderOffsets] : null,
        updatedAt: new Date(),
      },
      NO_MAP,
    );
  }
}
