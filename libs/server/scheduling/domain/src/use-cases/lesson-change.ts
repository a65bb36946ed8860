import { AuditTrail, Clock, RateLimiter, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { SchedulingConflict } from '../conflicts/conflict-checker.js';
import type { LessonSeries, LessonSeriesState } from '../model/lesson-series.js';
import type { Lesson } from '../model/lesson.js';
import { LessonRepository, SchedulingEvents, SeriesRepository } from '../ports/index.js';
import { changeTurnOnce } from './change-limit.js';
import { checkThenCommit, Timetable, type Prepared } from './timetable.js';

/**
 * What a change to booked lessons (a move, an edit) is made from, and how it runs: as a booking path, checked,
 * its change turn taken once checked (a refusal writes nothing and takes no turn), committed in one unit, and
 * checked again after a lost race without a second turn.
 */
export abstract class LessonChange<I, R> {
  constructor(
    protected readonly lessons: LessonRepository,
    protected readonly series: SeriesRepository,
    protected readonly timetable: Timetable,
    protected readonly events: SchedulingEvents,
    protected readonly audit: AuditTrail,
    protected readonly uow: UnitOfWork,
    protected readonly clock: Clock,
    protected readonly limiter: RateLimiter,
  ) {}

  async execute(actor: Actor, input: I): Promise<R> {
    const turn = changeTurnOnce(this.limiter, actor, () => this.clock.now());
    return checkThenCommit(this.uow, async () => {
      const prepared = await this.prepare(actor, input);
      await turn();
      return prepared;
    });
  }

  /**
   * Writes a series split by a "this and following" change: the series as it now ends, the new one from the
   * changed lesson on, the lessons (now of the new series), and the split's audit entry with any override.
   */
  protected async writeSplit(
    actor: Actor,
    split: { series: LessonSeries; before: LessonSeriesState; next: LessonSeries; lessons: readonly Lesson[] },
    override: { reason?: string; conflicts: readonly SchedulingConflict[] },
  ): Promise<void> {
    await this.series.update(split.series);
    await this.series.add(split.next);
    for (const lesson of split.lessons) await this.lessons.update(lesson);
    await this.audit.record({
      schoolId: actor.schoolId,
      actorId: actor.userId,
      action: 'scheduling.series.split',
      entityType: 'lesson_series',
      entityId: split.series.id,
      before: split.before,
      after: { ended: split.series.snapshot(), next: split.next.snapshot(), ...(override.conflicts.length ? { override } : {}) },
    });
  }

  /** Validates and checks everything; `commit` then writes, inside the caller's unit of work. */
  abstract prepare(actor: Actor, input: I): Promise<Prepared<R>>;
}
