import { DomainError, type Actor, type AuditTrail, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import { checkedMark, type MarkInput } from '../model/register.js';
import { registerView, type RegisterView } from '../model/register-view.js';
import type { AttendanceAlerts } from '../ports/attendance-alerts.js';
import type { AttendanceEvents, AttendanceEvent } from '../ports/attendance-events.js';
import type { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';
import { absenceStreakAlerts } from './absence-streaks.js';
import { lessonToMark, requireNotCancelled } from './lesson-access.js';
import { requireWithinWindow } from './marking-window.js';
import { lessonDelivered, registerChanged } from './register-events.js';

export interface MarkRegisterInput {
  lessonId: LessonId;
  marks: readonly MarkInput[];
  /** Required of an admin's change after the marking window; kept with each change. */
  reason?: string | null;
}

/**
 * Marks or corrects students of a lesson's register. Its teacher, its accompanist and admins may, from the register's
 * opening (the lesson's start, less the school's early minutes) until the school's window after its end; later, only
 * an admin with a reason. Marking a student present or late starts the lesson if nobody has yet. Each changed mark
 * keeps its history (who, when, from what, to what) and the audit event, in one unit of work holding the register, so
 * two devices marking at once both land. The first time every student has a mark, the lesson is delivered
 * (`attendance.lesson_delivered.v1`). A student's second absence without notice in a row is alerted once
 * (`attendance.absence_streak.v1`, see `absenceStreakAlerts`).
 */
export class MarkRegister {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly settings: AttendanceSettingsStore,
    private readonly events: AttendanceEvents,
    private readonly alerts: AttendanceAlerts,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: MarkRegisterInput): Promise<RegisterView> {
    const reason = input.reason?.trim() || null;
    if (input.marks.length === 0) throw DomainError.invalid('ATTENDANCE.NO_MARKS', 'marks', 'Mark at least one student.');
    const seen = new Set<string>();
    input.marks.forEach((m, i) => {
      if (seen.has(m.studentId)) throw DomainError.invalid('ATTENDANCE.MARKED_TWICE', `marks.${i}.studentId`, 'Mark each student once.');
      seen.add(m.studentId);
    });
    return this.uow.run(async () => {
      const lesson = await lessonToMark(this.lessons, actor, input.lessonId);
      requireNotCancelled(lesson);
      const marks = input.marks.map((m, i) => checkedMark(m, i, lesson));
      const now = this.clock.now();
      const settings = await this.settings.get();
      requireWithinWindow(lesson, settings, actor, now, reason);
      const register = await this.registers.forUpdate(lesson.id);
      const changes = register.mark(marks, actor.userId, now, reason);
      if (changes.length === 0) return registerView(lesson, register);
      // Marking someone in is starting the lesson, while it is on; a mark made afterwards says nothing of when it began.
      if (marks.some((m) => m.status === 'present' || m.status === 'late') && now <= lesson.end) register.start(actor.userId, now);
      const delivered = register.deliverIfDue(lesson, now);
      await this.registers.save(register, changes);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: changes.some((c) => c.from) ? 'attendance.register.corrected' : 'attendance.register.marked',
        entityType: 'lesson',
        entityId: lesson.id,
        before: changes.map((c) => ({ studentId: c.studentId, ...(c.from ?? { status: null }) })),
        after: { marks: changes.map((c) => ({ studentId: c.studentId, ...c.to })), ...(reason ? { reason } : {}) },
      });
      const events: AttendanceEvent[] = [registerChanged(actor, now, lesson, register)];
      if (delivered) events.push(lessonDelivered(actor, now, lesson, register));
      events.push(...(await absenceStreakAlerts({ lessons: this.lessons, registers: this.registers, alerts: this.alerts }, { schoolId: actor.schoolId, now, settings }, lesson, register, changes)));
      await this.events.publish(events);
      return registerView(lesson, register);
    });
  }
}
