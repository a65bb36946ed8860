import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { LessonId, MakeupCreditId } from '../model/ids.js';
import { MakeupCredit } from '../model/makeup-credit.js';
import { cleanText, wholeNumber } from '../model/validation.js';
import { LessonRepository, MakeupCreditRepository, SchedulingPolicyRepository } from '../ports/index.js';
import { auditedWrite } from './audited-write.js';
import { loadPolicy } from './policy.js';

async function existingCredit(credits: MakeupCreditRepository, id: MakeupCreditId): Promise<MakeupCredit> {
  const credit = await credits.byId(id);
  if (!credit) throw DomainError.notFound('SCHEDULING.CREDIT_NOT_FOUND', 'The makeup credit');
  return credit;
}

/** The audit's view of a credit, with the reason an admin gave for the change. */
function withReason(credit: MakeupCredit, reason: string): Record<string, unknown> {
  return { ...credit.snapshot(), reason };
}

/**
 * An admin grants a student a makeup credit for one of their lessons (a lesson they missed through no fault of
 * theirs, say), valid for the policy's days unless told otherwise; one credit per student and lesson.
 */
export class GrantMakeupCredit {
  constructor(
    private readonly credits: MakeupCreditRepository,
    private readonly lessons: LessonRepository,
    private readonly policies: SchedulingPolicyRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { studentId: UserId; originLessonId: LessonId; validDays?: number; reason: string }): Promise<MakeupCredit> {
    requireAdmin(actor);
    const reason = cleanText(input.reason, 'reason', 500);
    const lesson = await this.lessons.byId(input.originLessonId);
    if (!lesson) throw DomainError.invalid('SCHEDULING.LESSON_NOT_FOUND', 'originLessonId', 'No lesson of the school has this id.');
    if (!lesson.studentIds.includes(input.studentId)) throw DomainError.invalid('SCHEDULING.NOT_IN_LESSON', 'studentId', 'The student does not take part in that lesson.');
    if ((await this.credits.ofStudent(input.studentId)).some((c) => c.originLessonId === lesson.id)) {
      throw new DomainError('SCHEDULING.CREDIT_EXISTS', 'conflict', 'The student already has a makeup credit for that lesson: extend it instead.');
    }
    const validDays = input.validDays === undefined ? (await loadPolicy(this.policies, actor)).makeupCreditDays : wholeNumber(input.validDays, 'validDays', 1, 365);
    const credit = MakeupCredit.grant({ schoolId: actor.schoolId, studentId: input.studentId, originLessonId: lesson.id, validDays }, this.clock.now());
    await auditedWrite(this, actor, { action: 'scheduling.makeup_credit.granted', entityType: 'makeup_credit', entityId: credit.id, after: withReason(credit, reason) }, () => this.credits.add([credit]));
    return credit;
  }
}

/** An admin moves a credit's expiry to a later day (an expired one becomes available again), saying why. */
export class ExtendMakeupCredit {
  constructor(
    private readonly credits: MakeupCreditRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { creditId: MakeupCreditId; expiresAt: Date; reason: string }): Promise<MakeupCredit> {
    requireAdmin(actor);
    const reason = cleanText(input.reason, 'reason', 500);
    const credit = await existingCredit(this.credits, input.creditId);
    const before = credit.snapshot();
    credit.extend(input.expiresAt, this.clock.now());
    await auditedWrite(this, actor, { action: 'scheduling.makeup_credit.extended', entityType: 'makeup_credit', entityId: credit.id, before, after: withReason(credit, reason) }, () => this.credits.update(credit));
    return credit;
  }
}

/** An admin voids an unused credit with a reason: it can no longer be booked. */
export class VoidMakeupCredit {
  constructor(
    private readonly credits: MakeupCreditRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { creditId: MakeupCreditId; reason: string }): Promise<MakeupCredit> {
    requireAdmin(actor);
    const credit = await existingCredit(this.credits, input.creditId);
    const before = credit.snapshot();
    credit.void(input.reason);
    await auditedWrite(this, actor, { action: 'scheduling.makeup_credit.voided', entityType: 'makeup_credit', entityId: credit.id, before, after: withReason(credit, credit.voidReason ?? '') }, () => this.credits.update(credit));
    return credit;
  }
}
