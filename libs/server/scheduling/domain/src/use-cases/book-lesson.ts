import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { LessonTypeId, MakeupCreditId, RoomId } from '../model/ids.js';
import { Lesson } from '../model/lesson.js';
import { assertLessonSpan } from '../model/validation.js';
import { LessonRepository, MakeupCreditRepository, SchedulingEvents } from '../ports/index.js';
import { requireCanBookFor } from './access.js';
import { checkThenCommit, lessonEventData, Timetable, type Override, type Prepared } from './timetable.js';

export interface BookLessonInput {
  teacherId: UserId;
  studentIds: readonly UserId[];
  roomId?: RoomId | null;
  accompanistId?: UserId | null;
  lessonTypeId?: LessonTypeId | null;
  start: Date;
  end: Date;
  /** Admins only: book despite soft conflicts, with a reason that is audited. */
  override?: Override;
  /** Spends this makeup credit (of one of the students) on the lesson. */
  makeupCreditId?: MakeupCreditId;
}

/**
 * Spends a credit on a new lesson inside the caller's unit of work: re-read (locked by the
 * adapter) so two bookings cannot spend it twice.
 */
export async function spendCredit(credits: MakeupCreditRepository, creditId: MakeupCreditId, lesson: Lesson, now: Date): Promise<void> {
  const credit = await credits.byId(creditId);
  if (!credit) throw DomainError.notFound('SCHEDULING.CREDIT_NOT_FOUND', 'The makeup credit');
  if (!lesson.studentIds.includes(credit.studentId)) {
    throw DomainError.invalid('SCHEDULING.CREDIT_NOT_OURS', 'makeupCreditId', 'This credit belongs to another student.');
  }
  credit.use(lesson.id, now);
  await credits.update(credit);
}

/**
 * An admin, or a teacher for their own lessons, books one lesson. Hard conflicts refuse
 * with up to five suggestions; soft ones need an admin's override with a reason.
 */
export class BookLesson {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly credits: MakeupCreditRepository,
    private readonly timetable: Timetable,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: BookLessonInput): Promise<Lesson> {
    return checkThenCommit(this.uow, () => this.prepare(actor, input));
  }

  /** Validates and checks everything; `commit` then writes, inside the caller's unit of work. */
  async prepare(actor: Actor, input: BookLessonInput): Promise<Prepared<Lesson>> {
    requireCanBookFor(actor, input.teacherId);
    assertLessonSpan(input.start, input.end);
    const now = this.clock.now();
    const lesson = Lesson.schedule({ ...input, schoolId: actor.schoolId, makeupCreditId: input.makeupCreditId ?? null });
    // The checks' reads run together (the timetable, room and lesson type in one read shared by both
    // checks); every one is finished before an outcome is taken, in a fixed order: the references, then
    // the credit, then the conflicts.
    const zoned = this.timetable.timeZone().then((timeZone) => ({ timeZone, read: this.timetable.readForBooking(lesson.snapshot(), timeZone) }));
    const read = zoned.then((z) => z.read);
    const checked = Promise.allSettled([
      this.timetable.requireReferences(input, read).then(async () => {
        if (!input.makeupCreditId) return;
        const credit = await this.credits.byId(input.makeupCreditId);
        if (!credit) throw DomainError.notFound('SCHEDULING.CREDIT_NOT_FOUND', 'The makeup credit');
        if (!credit.isAvailable(now)) throw new DomainError('SCHEDULING.CREDIT_UNAVAILABLE', 'conflict', 'This makeup credit is used or expired.');
        if (!input.studentIds.includes(credit.studentId)) {
          throw DomainError.invalid('SCHEDULING.CREDIT_NOT_OURS', 'makeupCreditId', 'This credit belongs to another student.');
        }
      }),
      zoned.then(({ timeZone, read }) => this.timetable.requireBookable(lesson, { actor, override: input.override, timeZone, now, read })),
    ]);
    const [references, bookable] = await checked;
    if (references.status === 'rejected') throw references.reason;
    if (bookable.status === 'rejected') throw bookable.reason;
    const overridden = bookable.value;
    const commit = async () => {
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'scheduling.lesson.booked',
        entityType: 'lesson',
        entityId: lesson.id,
        after: { ...lesson.snapshot(), ...(overridden.length > 0 ? { override: { reason: input.override?.reason, conflicts: overridden } } : {}) },
      });
      await this.events.publish([outgoingEvent(actor.schoolId, now, integrationEvent('lesson.scheduled.v1', { actorId: actor.userId, lesson: lessonEventData(lesson) }))]);
      await this.lessons.add([lesson]);
      if (input.makeupCreditId) await spendCredit(this.credits, input.makeupCreditId, lesson, now);
    };
    return { result: lesson, commit };
  }
}
