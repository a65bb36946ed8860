import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, RateLimiter, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole } from '../model/actor.js';
import type { LessonId } from '../model/ids.js';
import type { Lesson } from '../model/lesson.js';
import type { MakeupCredit } from '../model/makeup-credit.js';
import type { CancelledBy } from '../model/scheduling-policy.js';
import { LessonRepository, MakeupCreditRepository, SchedulingEvents, SchedulingPolicyRepository, SchoolDirectory, SeriesRepository, type SchedulingEvent } from '../ports/index.js';
import { localDateOf } from '../time/zoned-time.js';
import { isStaffOf, requireVisibleLesson, studentsActedFor } from './access.js';
import { applyCancellation } from './cancellation.js';
import { takeChangeTurn } from './change-limit.js';
import { loadPolicy } from './policy.js';
import { lessonEventData } from './timetable.js';

export interface CancelLessonInput {
  lessonId: LessonId;
  reason: string;
  scope?: 'this' | 'following';
}

export interface CancelLessonResult {
  lessons: Lesson[];
  credits: MakeupCredit[];
}

/**
 * Cancels a lesson (or it and the rest of its series). The school (an admin, the teacher or the
 * accompanist) may cancel any of theirs and every student gets a makeup credit; a student, or a
 * parent with full access, may cancel theirs and gets a credit only with enough notice. A
 * cancellation mails the lesson's people, so it takes a turn of the canceller's `CHANGES_PER_PERSON`
 * (the api's cancellations do; archiving a leaver, which cancels all their lessons as one action, does not).
 */
export class CancelLesson {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly series: SeriesRepository,
    private readonly credits: MakeupCreditRepository,
    private readonly policies: SchedulingPolicyRepository,
    private readonly directory: SchoolDirectory,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    /** Absent for a caller that cancels as one step of a larger action (archiving someone who left cancels all their lessons). */
    private readonly limiter: RateLimiter | null = null,
  ) {}

  async execute(actor: Actor, input: CancelLessonInput): Promise<CancelLessonResult> {
    const lesson = await this.lessons.byId(input.lessonId);
    if (!lesson) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
    await requireVisibleLesson(actor, lesson, this.directory);
    let side: CancelledBy = 'school';
    let familyStudentIds: UserId[] = [];
    if (!isStaffOf(actor, lesson) && !(hasRole(actor, 'accompanist') && lesson.accompanistId === actor.userId)) {
      familyStudentIds = await studentsActedFor(actor, lesson, this.directory);
      if (familyStudentIds.length === 0) throw forbidden('You cannot cancel this lesson.');
      side = 'family';
    }
    if (lesson.status !== 'scheduled') throw new DomainError('SCHEDULING.LESSON_NOT_SCHEDULED', 'conflict', `This lesson is ${lesson.status}.`);
    const now = this.clock.now();
    const policy = await loadPolicy(this.policies, actor);
    const series = input.scope === 'following' && lesson.seriesId ? await this.series.byId(lesson.seriesId) : null;
    let targets: Lesson[] = [lesson];
    if (series) {
      targets = (await this.lessons.ofSeries(series.id, lesson.start)).filter((l) => l.status === 'scheduled');
      if (!targets.some((l) => l.id === lesson.id)) targets.unshift(lesson);
      series.endBefore(localDateOf(lesson.start, series.timeZone));
    }
    const credits = applyCancellation({ schoolId: actor.schoolId, lessons: targets, side, by: actor.userId, reason: input.reason, familyStudentIds, noticeGivenAt: now, now, policy });
    if (this.limiter) await takeChangeTurn(this.limiter, actor, now);
    await this.uow.run(async () => {
      for (const l of targets) await this.lessons.update(l);
      if (series) await this.series.update(series);
      if (credits.length > 0) await this.credits.add(credits);
      for (const l of targets) await recordCancellation(this.audit, actor, l, { credits: credits.filter((c) => c.originLessonId === l.id).map((c) => c.snapshot()) });
      await this.events.publish(targets.map((l) => cancelledEvent(l, actor.schoolId, actor.userId, now)));
    });
    return { lessons: targets, credits };
  }
}

/** The audit entry of a cancelled lesson: its cancellation and what came with it (credits, the request, the series' end). */
export function recordCancellation(audit: AuditTrail, actor: Actor, lesson: Lesson, extra: Record<string, unknown>): Promise<void> {
  return audit.record({
    schoolId: actor.schoolId,
    actorId: actor.userId,
    action: 'scheduling.lesson.cancelled',
    entityType: 'lesson',
    entityId: lesson.id,
    after: { cancellation: lesson.cancellation, ...extra },
  });
}

export function cancelledEvent(lesson: Lesson, schoolId: Actor['schoolId'], actorId: UserId | null, now: Date): SchedulingEvent {
  const c = lesson.cancellation;
  return outgoingEvent(
    schoolId,
    now,
    integrationEvent('lesson.cancelled.v1', {
      actorId,
      lesson: lessonEventData(lesson),
      reason: c?.reason ?? '',
      late: c?.late ?? false,
      creditGranted: c?.creditGranted ?? false,
    }),
  );
}
