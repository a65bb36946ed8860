import { AuditTrail, Clock, DomainError, RateLimiter, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { SeriesId } from '../model/ids.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { Lesson } from '../model/lesson.js';
import { cleanText } from '../model/validation.js';
import { LessonRepository, SchedulingEvents, SeriesRepository } from '../ports/index.js';
import { addDays, assertLocalDate, startOfLocalDay, type LocalDate } from '../time/zoned-time.js';
import { requireStaffOf } from './access.js';
import { cancelledEvent, recordCancellation } from './cancel-lesson.js';
import { takeChangeTurn } from './change-limit.js';

export interface EndSeriesInput {
  seriesId: SeriesId;
  /** The series' last day (in the school's zone): its lessons after it are cancelled. */
  lastDate: string;
  reason: string;
}

export interface EndSeriesResult {
  series: LessonSeries;
  /** The lessons after the last day, now cancelled. */
  cancelled: Lesson[];
}

/**
 * An admin, or the series' teacher, ends a series on a day: the series' last day becomes that day and its
 * scheduled lessons after it are cancelled with the reason given. Ending is the school's decision about the
 * arrangement, not a lesson owed, so it grants no makeup credits (cancelling lessons one by one, or "this and
 * following", does, by the school's policy). The lessons' people hear of each cancellation, so it takes a change turn.
 */
export class EndSeries {
  constructor(
    private readonly series: SeriesRepository,
    private readonly lessons: LessonRepository,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(actor: Actor, input: EndSeriesInput): Promise<EndSeriesResult> {
    const series = await this.series.byId(input.seriesId);
    if (!series) throw DomainError.notFound('SCHEDULING.SERIES_NOT_FOUND', 'The series');
    requireStaffOf(actor, series);
    assertLocalDate(input.lastDate, 'lastDate');
    const lastDate = input.lastDate as LocalDate;
    const reason = cleanText(input.reason, 'reason', 300);
    if (lastDate < series.firstDate) throw DomainError.invalid('SCHEDULING.SERIES_END_TOO_EARLY', 'lastDate', `The series starts on ${series.firstDate}: end it on that day or later.`);
    if (lastDate >= series.untilDate) throw DomainError.invalid('SCHEDULING.SERIES_ENDS_SOONER', 'lastDate', `The series already ends on ${series.untilDate}.`);
    const now = this.clock.now();
    const firstGone = addDays(lastDate, 1);
    const before = series.snapshot();
    series.endBefore(firstGone);
    const cancelled = await this.lessons.ofSeries(series.id, startOfLocalDay(firstGone, series.timeZone));
    for (const lesson of cancelled) lesson.cancel({ by: actor.userId, reason, at: now, late: false, creditGranted: false });
    if (cancelled.length > 0) await takeChangeTurn(this.limiter, actor, now);
    await this.uow.run(async () => {
      await this.series.update(series);
      for (const lesson of cancelled) await this.lessons.update(lesson);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'scheduling.series.ended',
        entityType: 'lesson_series',
        entityId: series.id,
        before: { untilDate: before.untilDate },
        after: { untilDate: series.untilDate, reason, cancelledLessonIds: cancelled.map((l) => l.id) },
      });
      for (const lesson of cancelled) await recordCancellation(this.audit, actor, lesson, { credits: [], seriesEnded: true });
      await this.events.publish(cancelled.map((l) => cancelledEvent(l, actor.schoolId, actor.userId, now)));
    });
    return { series, cancelled };
  }
}
