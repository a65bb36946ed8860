import { DomainError } from '@cadenza/shared/kernel';

/** A school's attendance settings. */
export interface AttendanceSettings {
  /** How long before a lesson's start its register may be marked (and the lesson started). */
  earlyMarkingMinutes: number;
  /** For how many days after a lesson's end its teacher may still mark it; later changes need an admin and a reason. */
  markingWindowDays: number;
  /** A lesson started within this many minutes of its scheduled start counts as started on time. */
  onTimeGraceMinutes: number;
}

export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = { earlyMarkingMinutes: 10, markingWindowDays: 7, onTimeGraceMinutes: 5 };

const LIMITS: Record<keyof AttendanceSettings, number> = { earlyMarkingMinutes: 60, markingWindowDays: 60, onTimeGraceMinutes: 60 };

/** The settings with `change` applied, each value a whole number within its limit (a 400 naming the field otherwise). */
export function changedSettings(current: AttendanceSettings, change: Partial<AttendanceSettings>): AttendanceSettings {
  const next = { ...current };
  for (const key of Object.keys(LIMITS) as (keyof AttendanceSettings)[]) {
    const value = change[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > LIMITS[key]) throw DomainError.invalid('ATTENDANCE.INVALID_SETTING', key, `Must be a whole number from 0 to ${LIMITS[key]}.`);
    next[key] = value;
  }
  return next;
}
