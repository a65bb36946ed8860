import { DAY, DomainError, type Actor, type Clock } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { LessonId } from '../model/ids.js';
import type { RegisterChange } from '../model/register.js';
import { REGISTER_PROGRESS, registerProgressAt, registerView, type RegisterProgress, type RegisterView } from '../model/register-view.js';
import { schoolDayAt, schoolDayOf, type SchoolDay } from '../model/school-day.js';
import type { AttendanceSchool } from '../ports/attendance-school.js';
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
    return registersBetween(this.lessons, this.registers, actor, input);
  }
}

/** The lessons of a period with their registers, as `actor` may list them (see `ListRegisters`). */
async function registersBetween(lessons: AttendedLessons, registers: Registers, actor: Actor, input: ListRegistersInput): Promise<RegisterView[]> {
  let staffId: UserId | undefined;
  if (isAdmin(actor)) staffId = input.teacherId;
  else if (hasRole(actor, 'teacher', 'accompanist')) {
    if (input.teacherId && input.teacherId !== actor.userId) throw forbidden('Teachers list their own lessons’ registers.');
    staffId = actor.userId;
  } else throw forbidden();
  const found = await lessons.between({ from: input.from, to: input.to, staffId });
  const kept = new Map((await registers.findMany(found.map((l) => l.id))).map((r) => [r.lessonId, r]));
  return found.map((lesson) => registerView(lesson, kept.get(lesson.id) ?? null));
}

export interface ListDayRegistersInput {
  /** `YYYY-MM-DD` in the school's time zone; today there when absent. */
  date?: string;
  /** Admins: one teacher's (or accompanist's) lessons. */
  teacherId?: UserId;
  /** Only the registers standing so (at the moment of asking). */
  progress?: RegisterProgress;
}

export interface DayRegisters {
  day: SchoolDay;
  timeZone: string;
  lessons: (RegisterView & { progress: RegisterProgress })[];
}

/**
 * A school day's lessons with their registers and where each stands (upcoming, in progress, missing, complete,
 * cancelled): the day begins and ends at midnight in the school's time zone, whatever the caller's or the server's
 * zone. Admins see every teacher's (or one's), teachers and accompanists their own.
 */
export class ListDayRegisters {
  constructor(
    private readonly lessons: AttendedLessons,
    private readonly registers: Registers,
    private readonly school: AttendanceSchool,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ListDayRegistersInput): Promise<DayRegisters> {
    if (input.progress !== undefined && !(REGISTER_PROGRESS as readonly string[]).includes(input.progress)) throw DomainError.invalid('ATTENDANCE.UNKNOWN_PROGRESS', 'state', `Must be one of ${REGISTER_PROGRESS.join(', ')}.`);
    const timeZone = await this.school.timeZone();
    const now = this.clock.now();
    const day = input.date === undefined ? schoolDayAt(now, timeZone) : schoolDayOf(input.date, timeZone);
    // A day's lessons are those starting in it (one running past midnight belongs to the day it began).
    const views = (await registersBetween(this.lessons, this.registers, actor, { from: day.from, to: day.to, teacherId: input.teacherId })).filter((v) => v.lesson.start >= day.from);
    const lessons = views.map((v) => ({ ...v, progress: registerProgressAt(v, now) })).filter((v) => !input.progress || v.progress === input.progress);
    return { day, timeZone, lessons };
  }
}
