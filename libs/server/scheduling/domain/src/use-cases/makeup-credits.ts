import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import type { MakeupCreditId, RoomId } from '../model/ids.js';
import { Lesson } from '../model/lesson.js';
import type { MakeupCredit } from '../model/makeup-credit.js';
import { assertLessonSpan } from '../model/validation.js';
import { LessonRepository, MakeupCreditRepository, SchedulingEvents, SchoolDirectory } from '../ports/index.js';
import { actsForStudent } from './access.js';
import { spendCredit } from './book-lesson.js';
import { checkThenCommit, conflictError, lessonEventData, Timetable, type Prepared } from './timetable.js';

export interface BookMakeupLessonInput {
  makeupCreditId: MakeupCreditId;
  start: Date;
  end: Date;
  roomId?: RoomId | null;
}

/**
 * A student, or a parent with full access, spends an available credit on a lesson with the
 * origin lesson's teacher at a free slot: any conflict, hard or soft, refuses with suggestions.
 */
export class BookMakeupLesson {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly credits: MakeupCreditRepository,
    private readonly timetable: Timetable,
    private readonly directory: SchoolDirectory,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: BookMakeupLessonInput): Promise<Lesson> {
    return checkThenCommit(this.uow, () => this.prepare(actor, input));
  }

  /** Checks the credit, the people and the slot; `commit` then books and spends, inside the caller's unit of work. */
  async prepare(actor: Actor, input: BookMakeupLessonInput): Promise<Prepared<Lesson>> {
    assertLessonSpan(input.start, input.end);
    const credit = await this.credits.byId(input.makeupCreditId);
    if (!credit) throw DomainError.notFound('SCHEDULING.CREDIT_NOT_FOUND', 'The makeup credit');
    if (!isAdmin(actor) && !(await actsForStudent(actor, credit.studentId, this.directory))) throw forbidden('This is not your makeup credit.');
    const now = this.clock.now();
    if (!credit.isAvailable(now)) throw new DomainError('SCHEDULING.CREDIT_UNAVAILABLE', 'conflict', 'This makeup credit is used or expired.');
    if (input.start.getTime() < now.getTime()) throw DomainError.invalid('SCHEDULING.IN_THE_PAST', 'start', 'Choose a time in the future.');
    const origin = await this.lessons.byId(credit.originLessonId);
    if (!origin) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The cancelled lesson');
    const lesson = Lesson.schedule({
      schoolId: actor.schoolId,
      teacherId: origin.teacherId,
      studentIds: [credit.studentId],
      roomId: input.roomId === undefined ? origin.roomId : input.roomId,
      accompanistId: origin.accompanistId,
      lessonTypeId: origin.lessonTypeId,
      start: input.start,
      end: input.end,
      makeupCreditId: credit.id,
    });
    await this.timetable.requireReferences(lesson);
    const timeZone = await this.timetable.timeZone();
    const assessment = await this.timetable.assess(lesson, timeZone);
    if (assessment.conflicts.length > 0) {
      const suggestions = await this.timetable.suggest(
        { studentIds: lesson.studentIds, teacherId: lesson.teacherId, roomId: lesson.roomId, accompanistId: lesson.accompanistId, durationMinutes: Math.round(lesson.durationMs / 60_000), near: lesson.start },
        timeZone,
        now,
      );
      throw conflictError(assessment.conflicts, suggestions);
    }
    const commit = async () => {
      await this.lessons.add([lesson]);
      await spendCredit(this.credits, credit.id, lesson, now);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.lesson.booked', entityType: 'lesson', entityId: lesson.id, after: { ...lesson.snapshot(), makeupCreditId: credit.id } });
      await this.events.publish([outgoingEvent(actor.schoolId, now, integrationEvent('lesson.scheduled.v1', { actorId: actor.userId, lesson: lessonEventData(lesson) }))]);
    };
    return { result: lesson, commit };
  }
}

/** A student's credits, for them, their parents (view or full) and staff. */
export class ListMakeupCredits {
  constructor(
    private readonly credits: MakeupCreditRepository,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(actor: Actor, input: { studentId: UserId }): Promise<MakeupCredit[]> {
    const own = actor.userId === input.studentId;
    const guardian = hasRole(actor, 'parent') && (await this.directory.guardianAccess(actor.userId, input.studentId)) !== null;
    if (!own && !guardian && !hasRole(actor, 'admin', 'teacher')) throw forbidden();
    return this.credits.ofStudent(input.studentId);
  }
}

/** The sweep (a scheduled job, no actor): expires credits past their date. Returns how many. */
export class ExpireMakeupCredits {
  constructor(
    private readonly credits: MakeupCreditRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    const now = this.clock.now();
    return this.uow.run(async () => {
      const expired = await this.credits.expireDue(now);
      for (const credit of expired) {
        await this.audit.record({
          schoolId: credit.schoolId,
          actorId: null,
          action: 'scheduling.makeup_credit.expired',
          entityType: 'makeup_credit',
          entityId: credit.id,
          after: { status: credit.status, expiresAt: credit.expiresAt },
        });
      }
      return expired.length;
    });
  }
}
