import type { AttendanceStatus, LessonRegister } from '@cadenza/shared/contracts';

/** What each status is called on screen. */
export const STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  late: 'Late',
  absent_notice: 'Absent, told us',
  absent_no_notice: 'Absent',
  excused: 'Excused',
};

/** A student's status in words ("Late 10 min"), or "Not marked". */
export function statusText(register: LessonRegister, studentId: string): string {
  const entry = register.entries.find((e) => e.studentId === studentId);
  if (!entry) return 'Not marked';
  return entry.status === 'late' ? `Late ${entry.lateMinutes} min` : STATUS_LABELS[entry.status];
}
