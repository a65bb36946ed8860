import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import type { Clock, SchoolId, UnitOfWork, UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import { registerView } from '../model/register-view.js';
import { dayBefore, schoolDayAt, wallClockOn } from '../model/school-day.js';
import type { AttendanceAlerts } from '../ports/attendance-alerts.js';
import type { AttendanceEvent, AttendanceEvents } from '../ports/attendance-events.js';
import type { AttendanceSchool } from '../ports/attendance-school.js';
import type { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';

export interface MissingRegisterReminderRun {
  /** The school day reminded of (`YYYY-MM-DD`). */
  day: string;
  /** The teachers reminded, each once. */
  teacherIds: UserId[];
  lessons: number;
}

/**
 * The school's daily missing-register reminder, for the current school: once its reminder time has come in its time
 * zone (wall clock, so it follows a change of clocks), the lessons that ended since the previous day's reminder time
 * and up to today's, not cancelled and without a complete register, go to their teachers, one
 * `attendance.registers_missing.v1` per teacher. The day is taken once (a keyed row) in the unit of work that
 * publishes the reminders, so a second worker or a retried tick publishes nothing; a tick before the time, or after a
 * day already taken, does nothing. A job calls it for every school every 15 seconds.
 */
export class SendMissingRegisterReminders {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly settings: AttendanceSettingsStore,
    private readonly school: AttendanceSchool,
    private readonly alerts: AttendanceAlerts,
    private readonly events: AttendanceEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The run made, or null when it was not yet due or already done. */
  async execute(schoolId: SchoolId): Promise<MissingRegisterReminderRun | null> {
    const now = this.clock.now();
    const [timeZone, settings] = await Promise.all([this.school.timeZone(), this.settings.get()]);
    const today = schoolDayAt(now, timeZone);
    const dueAt = wallClockOn(today, settings.missingRegisterReminderTime, timeZone);
    if (now < dueAt) return null;
    const since = wallClockOn(dayBefore(today, timeZone), settings.missingRegisterReminderTime, timeZone);
    return this.uow.run(async () => {
      if (!(await this.alerts.claimReminderDay(today.date, now))) return null;
      const ended = (await this.lessons.between({ from: since, to: dueAt })).filter((l) => !l.cancelled && l.end > since && l.end <= dueAt);
      const registers = new Map((await this.registers.findMany(ended.map((l) => l.id))).map((r) => [r.lessonId, r]));
      const missing = ended.filter((l) => !registerView(l, registers.get(l.id) ?? null).complete);
      const byTeacher = new Map<UserId, AttendedLesson[]>();
      for (const lesson of missing) byTeacher.set(lesson.teacherId, [...(byTeacher.get(lesson.teacherId) ?? []), lesson]);
      const events: AttendanceEvent[] = [...byTeacher].map(([teacherId, lessons]) =>
        outgoingEvent(
          schoolId,
          now,
          integrationEvent('attendance.registers_missing.v1', {
            teacherId,
            day: today.date,
            timeZone,
            lessons: lessons.map((l) => ({ lessonId: l.id, start: l.start.toISOString(), end: l.end.toISOString() })),
          }),
        ),
      );
      if (events.length > 0) await this.events.publish(events);
      return { day: today.date, teacherIds: [...byTeacher.keys()], lessons: missing.length };
    });
  }
}
