import type { AttendanceSettings } from '../model/attendance-settings.js';

/** The school's attendance settings (the defaults until an admin changes them). */
export abstract class AttendanceSettingsStore {
  abstract get(): Promise<AttendanceSettings>;
  abstract save(settings: AttendanceSettings): Promise<void>;
}
