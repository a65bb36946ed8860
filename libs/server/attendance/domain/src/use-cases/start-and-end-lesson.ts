import { DomainError, type Actor, type AuditTrail, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { Register } from '../model/register.js';
import { registerView, type RegisterView } from '../model/register-view.js';
import type { AttendanceEvents } from '../ports/attendance-events.js';
import type { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';
import { lessonToMark, requireNotCancelled } from './lesson-access.js';
import { markingWindow } from './marking-window.js';
import { registerChanged } from './register-events.js';

type Recorders = { readonly registers: Registers; readonly audit: AuditTrail; readonly events: AttendanceEvents };

/** A lesson's actual start or end, recorded: the register saved, the audit event and the register's change announced, in the caller's unit. */
async function recordLessonTime(
  use: Recorders,
  actor: Actor,
  lesson: AttendedLesson,
  register: Register,
  now: Date,
  action: 'attendance.lesson.started' | 'attendance.lesson.ended',
  after: Record<string, string>,
): Promise<void> {
  await use.registers.save(register, []);
  await use.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action, entityType: 'lesson', entityId: lesson.id, after });
  await use.events.publish([registerChanged(actor, now, lesson, register)]);
}

/**
 * "Start lesson": records when the lesson actually began (once; starting it again changes nothing), for the on-time
 * start rate. Who may, as for marking; from the register's opening until the lesson's scheduled end.
 */
export class StartLesson {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly settings: AttendanceSettingsStore,
    private readonly events: AttendanceEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  private recorders(): Recorders {
    return { registers: this.registers, audit: this.audit, events: this.events };
  }

  async execute(actor: Actor, lessonId: LessonId): Promise<RegisterView> {
    return this.uow.run(async () => {
      const lesson = await lessonToMark(this.lessons, actor, lessonId);
      requireNotCancelled(lesson);
      const now = this.clock.now();
      const { opensAt } = markingWindow(lesson, await this.settings.get());
      if (now < opensAt) throw new DomainError('ATTENDANCE.NOT_STARTED', 'conflict', `The lesson has not started: it can be started from ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() });
      if (now > lesson.end) throw new DomainError('ATTENDANCE.LESSON_OVER', 'conflict', 'The lesson is over: it can no longer be started.');
      const register = await this.registers.forUpdate(lesson.id);
      if (register.start(actor.userId, now)) {
        await recordLessonTime(this.recorders(), actor, lesson, register, now, 'attendance.lesson.started', { startedAt: now.toISOString() });
      }
      return registerView(lesson, register);
    });
  }
}

/** "End lesson": records when a started lesson ended (once). */
export class EndLesson {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly events: AttendanceEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  private recorders(): Recorders {
    return { registers: this.registers, audit: this.audit, events: this.events };
  }

  async execute(actor: Actor, lessonId: LessonId): Promise<RegisterView> {
    return this.uow.run(async () => {
      const lesson = await lessonToMark(this.lessons, actor, lessonId);
      requireNotCancelled(lesson);
      const now = this.clock.now();
      const register = await this.registers.forUpdate(lesson.id);
      if (register.end(actor.userId, now)) {
        await recordLessonTime(this.recorders(), actor, lesson, register, now, 'attendance.lesson.ended', { endedAt: now.toISOString() });
      }
      return registerView(lesson, register);
    });
  }
}
