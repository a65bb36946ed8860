import { DomainError } from '@cadenza/shared/kernel';

/** A school's attendance settings. */
export interface AttendanceSettings {
  /** How long before a lesson's start its register may be marked (and the lesson started). */
  earlyMarkingMinutes: number;
  /** For how many days after a lesson's end its teacher may still mark it; later changes need an admin and a reason. */
  markingWindowDays: number;
  /** A lesson started within this many minutes of its scheduled start counts as started on time. */
  onTimeGraceMinutes: number;
  /** When, each day in the school's time zone (`HH:MM`), teachers are reminded of the registers they have not completed. */
  missingRegisterReminderTime: string;
  /** Whether a student's guardians are told of an absence streak too (the admins always are). */
  streakAlertsToGuardians: boolean;
}

export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = {
  earlyMarkingMinutes: 10,
  markingWindowDays: 7,
  onTimeGraceMinutes: 5,
  missingRegisterReminderTime: '18:00',
  streakAlertsToGuardians: false,
};

type NumericSetting = 'earlyMarkingMinutes' | 'markingWindowDays' | 'onTimeGraceMinutes';
const LIMITS: Record<NumericSetting, number> = { earlyMarkingMinutes: 60, markingWindowDays: 60, onTimeGraceMinutes: 60 };
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The settings with `change` applied, each value checked (a 400 naming the field otherwise; nothing changes). */
export function changedSettings(current: AttendanceSettings, change: Partial<AttendanceSettings>): AttendanceSettings {
  const next = { ...current };
  for (const key of Object.keys(LIMITS) as NumericSetting[]) {
    const value = change[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > LIMITS[key]) throw DomainError.invalid('ATTENDANCE.INVALID_SETTING', key, `Must be a whole number from 0 to ${LIMITS[key]}.`);
    next[key] = value;
  }
  const time = change.missingRegisterReminderTime;
  if (time !== undefined) {
    if (typeof time !== 'string' || !HHMM.test(time)) throw DomainError.invalid('ATTENDANCE.INVALID_SETTING', 'missingRegisterReminderTime', 'Use HH:MM, 24-hour, in the school’s time zone.');
    next.missingRegisterReminderTime = time;
  }
  const guardians = change.streakAlertsToGuardians;
  if (guardians !== undefined) {
    if (typeof guardians !== 'boolean') throw DomainError.invalid('ATTENDANCE.INVALID_SETTING', 'streakAlertsToGuardians', 'Must be true or false.');
    next.streakAlertsToGuardians = guardians;
  }
  return next;
}
