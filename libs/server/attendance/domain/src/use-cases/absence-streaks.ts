import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { DAY, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { AttendanceSettings } from '../model/attendance-settings.js';
import type { Register, RegisterChange } from '../model/register.js';
import type { AttendanceAlerts } from '../ports/attendance-alerts.js';
import type { AttendanceEvent } from '../ports/attendance-events.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';

/** How many absences without notice in a row make a streak the school hears of. */
export const ABSENCE_STREAK_LENGTH = 2;
/** How far either side of a marked lesson a streak is followed. */
const STREAK_REACH_MS = 120 * DAY;

/**
 * The absence streaks a register's changes complete: for each student just marked absent without notice, the run of
 * their consecutive lessons (by start, cancelled ones left out) absent without notice around this one. A run of two or
 * more is alerted once, keyed by its first lesson: a correction that breaks the run and a later mark that makes it
 * again find the key taken, and a present, late, excused or notified absence (or a lesson not yet marked) ends a run.
 * Runs in the marking's unit of work, after the register is saved.
 */
export async function absenceStreakAlerts(
  ports: { lessons: AttendedLessons; registers: Registers; alerts: AttendanceAlerts },
  context: { schoolId: SchoolId; now: Date; settings: AttendanceSettings },
  lesson: AttendedLesson,
  register: Register,
  changes: readonly RegisterChange[],
): Promise<AttendanceEvent[]> {
  const events: AttendanceEvent[] = [];
  for (const change of changes) {
    if (change.to.status !== 'absent_no_notice') continue;
    const run = await absenceRun(ports, lesson, register, change.studentId);
    if (run.length < ABSENCE_STREAK_LENGTH) continue;
    if (!(await ports.alerts.claimStreak(change.studentId, run[0].id, context.now))) continue;
    events.push(
      outgoingEvent(
        context.schoolId,
        context.now,
        integrationEvent('attendance.absence_streak.v1', { studentId: change.studentId, lessonIds: run.map((l) => l.id), notifyGuardians: context.settings.streakAlertsToGuardians }),
      ),
    );
  }
  return events;
}

/** The student's consecutive lessons absent without notice that include `lesson`, oldest first. */
async function absenceRun(ports: { lessons: AttendedLessons; registers: Registers }, lesson: AttendedLesson, register: Register, studentId: UserId): Promise<AttendedLesson[]> {
  const around = (await ports.lessons.between({ from: new Date(lesson.start.getTime() - STREAK_REACH_MS), to: new Date(lesson.end.getTime() + STREAK_REACH_MS), studentId })).filter((l) => !l.cancelled);
  const registers = new Map((await ports.registers.findMany(around.map((l) => l.id))).map((r) => [r.lessonId, r]));
  registers.set(lesson.id, register);
  const absent = (l: AttendedLesson) => registers.get(l.id)?.entryOf(studentId)?.status === 'absent_no_notice';
  const here = around.findIndex((l) => l.id === lesson.id);
  if (here < 0 || !absent(around[here])) return [];
  let first = here;
  let last = here;
  while (first > 0 && absent(around[first - 1])) first--;
  while (last < around.length - 1 && absent(around[last + 1])) last++;
  return around.slice(first, last + 1);
}
