import { DomainError, type Actor, type AuditTrail, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import { registerView, type RegisterView } from '../model/register-view.js';
import type { AttendanceEvents } from '../ports/attendance-events.js';
import type { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';
import { lessonToMark, requireNotCancelled } from './lesson-access.js';
import { markingWindow } from './marking-window.js';
import { registerChanged } from './register-events.js';

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
        await this.registers.save(register, []);
        await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'attendance.lesson.started', entityType: 'lesson', entityId: lesson.id, after: { startedAt: now.toISOString() } });
        await this.events.publish([registerChanged(actor, now, lesson, register)]);
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

  async execute(actor: Actor, lessonId: LessonId): Promise<RegisterView> {
    return this.uow.run(async () => {
      const lesson = await lessonToMark(this.lessons, actor, lessonId);
      requireNotCancelled(lesson);
      const now = this.clock.now();
      const register = await this.registers.forUpdate(lesson.id);
      if (register.end(actor.userId, now)) {
        await this.registers.save(register, []);
        await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'attendance.lesson.ended', entityType: 'lesson', entityId: lesson.id, after: { endedAt: now.toISOString() } });
        await this.events.publish([registerChanged(actor, now, lesson, register)]);
      }
      return registerView(lesson, register);
    });
  }
}
