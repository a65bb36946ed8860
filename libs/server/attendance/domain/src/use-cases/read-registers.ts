import { DAY, DomainError, type Actor } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { LessonId } from '../model/ids.js';
import type { RegisterChange } from '../model/register.js';
import { registerView, type RegisterView } from '../model/register-view.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';
import type { UserId } from '@cadenza/shared/kernel';
import { forbidden } from '../model/actor.js';
import { lessonToRead } from './lesson-access.js';

/** The longest period one listing of registers covers. */
export const MAX_REGISTER_LIST_DAYS = 31;

/** A lesson's register: for admins and the lesson's teacher and accompanist. */
export class GetRegister {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
  ) {}

  async execute(actor: Actor, lessonId: LessonId): Promise<RegisterView> {
    const lesson = await lessonToRead(this.lessons, actor, lessonId);
    return registerView(lesson, await this.registers.find(lesson.id));
  }
}

/** Every change of a lesson's register, oldest first: for admins and the lesson's teacher and accompanist. */
export class ListRegisterHistory {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
  ) {}

  async execute(actor: Actor, lessonId: LessonId): Promise<RegisterChange[]> {
    const lesson = await lessonToRead(this.lessons, actor, lessonId);
    return this.registers.history(lesson.id);
  }
}

export interface ListRegistersInput {
  from: Date;
  to: Date;
  /** Admins: one teacher's (or accompanist's) lessons. */
  teacherId?: UserId;
}

/**
 * Lessons in a period with their registers: a teacher's or accompanist's own (their day's list), or for admins the
 * whole school's or one teacher's. At most 31 days at once.
 */
export class ListRegisters {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
  ) {}

  async execute(actor: Actor, input: ListRegistersInput): Promise<RegisterView[]> {
    if (!(input.from < input.to)) throw DomainError.invalid('ATTENDANCE.INVALID_PERIOD', 'to', 'Must be after from.');
    if (input.to.getTime() - input.from.getTime() > MAX_REGISTER_LIST_DAYS * DAY) throw DomainError.invalid('ATTENDANCE.PERIOD_TOO_LONG', 'to', `At most ${MAX_REGISTER_LIST_DAYS} days after from.`);
    let staffId: UserId | undefined;
    if (isAdmin(actor)) staffId = input.teacherId;
    else if (hasRole(actor, 'teacher', 'accompanist')) {
      if (input.teacherId && input.teacherId !== actor.userId) throw forbidden('Teachers list their own lessons’ registers.');
      staffId = actor.userId;
    } else throw forbidden();
    const lessons = await this.lessons.between({ from: input.from, to: input.to, staffId });
    const registers = new Map((await this.registers.findMany(lessons.map((l) => l.id))).map((r) => [r.lessonId, r]));
    return lessons.map((lesson) => registerView(lesson, registers.get(lesson.id) ?? null));
  }
}
