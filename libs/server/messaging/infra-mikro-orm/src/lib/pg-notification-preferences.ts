import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { NotificationPreferenceStore, type PreferencesState } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { json, pgArray } from './rows.js';

interface PrefRow {
  user_id: string;
  school_id: string;
  email: Record<string, boolean>;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
  reminder_offsets: number[] | null;
}

const toPrefs = (r: PrefRow): PreferencesState => ({
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
    const [row] = await this.em.execute<PrefRow[]>(`select * from notification_preferences where school_id = ? and user_id = ?`, [currentSchool(this.em), userId]);
    return row ? toPrefs(row) : null;
  }

  async ofMany(userIds: readonly UserId[]) {
    if (userIds.length === 0) return [];
    const rows = await this.em.execute<PrefRow[]>(`select * from notification_preferences where school_id = ? and user_id = any(?::uuid[])`, [currentSchool(this.em), pgArray(userIds)]);
    return rows.map(toPrefs);
  }

  async largestReminderOffset() {
    const [row] = await this.em.execute<{ m: number | null }[]>(
      `select max(o) as m from notification_preferences p, unnest(p.reminder_offsets) o where p.school_id = ?`,
      [currentSchool(this.em)],
    );
    return row?.m ?? null;
  }

  async save(state: PreferencesState) {
    await this.em.execute(
      `insert into notification_preferences (user_id, school_id, email, quiet_start, quiet_end, time_zone, reminder_offsets, updated_at)
       values (?, ?, ?::jsonb, ?, ?, ?, ?::integer[], now())
       on conflict (user_id) do update set email = excluded.email, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
         time_zone = excluded.time_zone, reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at`,
      [state.userId, state.schoolId, json(state.email), state.quietHours?.start ?? null, state.quietHours?.end ?? null, state.timeZone, state.reminderOffsets ? pgArray(state.reminderOffsets) : null],
    );
  }
}
