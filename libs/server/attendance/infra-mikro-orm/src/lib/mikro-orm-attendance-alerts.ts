import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { AttendanceAlerts, type LessonId } from '@cadenza/server/attendance/domain';
import type { UserId } from '@cadenza/shared/kernel';
import { CLAIM_REMINDER_DAY, CLAIM_STREAK_ALERT } from './statements.js';

/**
 * The alerts' keyed rows, `attendance_reminder_days` and `attendance_streak_alerts`: each claim is one insert that
 * does nothing on a key already there, so two units racing for one key both write, and the second waits at the key for
 * the first's commit and then finds it taken.
 */
@Injectable()
export class MikroOrmAttendanceAlerts extends AttendanceAlerts {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async claimReminderDay(date: string, at: Date): Promise<boolean> {
    return (await schoolRows(this.em, CLAIM_REMINDER_DAY, [date, at])).length === 1;
  }

  async claimStreak(studentId: UserId, firstLessonId: LessonId, at: Date): Promise<boolean> {
    return (await schoolRows(this.em, CLAIM_STREAK_ALERT, [studentId, firstLessonId, at])).length === 1;
  }
}
