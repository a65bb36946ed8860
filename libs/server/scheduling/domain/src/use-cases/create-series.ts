import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import type { SchedulingConflict } from '../conflicts/conflict-checker.js';
import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { LessonTypeId, RoomId, SeriesId, TermId } from '../model/ids.js';
import { LessonSeries } from '../model/lesson-series.js';
import { Lesson } from '../model/lesson.js';
import { assertLessonSpan } from '../model/validation.js';
import { CalendarRepository, LessonRepository, SchedulingEvents, SeriesRepository } from '../ports/index.js';
import { expandSeries } from '../time/series-rule.js';
import { requireCanBookFor } from './access.js';
import { checkThenCommit, lessonEventData, occurrenceProblems, seriesConflictError, Timetable, type OccurrenceProblem, type Override, type Prepared, type SeriesCandidate } from './timetable.js';

export interface SeriesResolution {
  date: string;
  action: 'skip' | 'move';
  start?: Date;
  end?: Date;
}

export interface CreateSeriesInput {
  teacherId: UserId;
  studentIds: readonly UserId[];
  roomId?: RoomId | null;
  accompanistId?: UserId | null;
  lessonTypeId?: LessonTypeId | null;
  termId: TermId;
  rrule: string;
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  /** How to treat occurrences that conflict, by date: skip one, or move it to a given slot. */
  resolutions?: readonly SeriesResolution[];
  override?: Override;
  /** Set by a term rollover: the series of the earlier term this one copies. */
  copiedFromId?: SeriesId | null;
}

/** A series checked against the timetable: what `CreateSeries.plan` answers. */
export interface SeriesPlan {
  series: LessonSeries;
  /** The lessons it would book (moved ones at their new time), by date. */
  candidates: SeriesCandidate[];
  skipped: CreateSeriesResult['skipped'];
  /** The dates that cannot be booked as they stand: each with its conflicts and suggestions. */
  problems: OccurrenceProblem[];
  overridden: SchedulingConflict[];
  now: Date;
}

export interface CreateSeriesResult {
  series: LessonSeries;
  lessons: Lesson[];
  /** Dates the rule produced that have no lesson: closures, and skips asked for. */
  skipped: { date: string; reason: 'closure' | 'resolution'; closureId: string | null }[];
}

/**
 * Books a weekly (or other) series up to the end of its term, skipping closures. It never
 * drops a conflicting date silently: unless each has a resolution, it refuses with every
 * conflicting occurrence, its conflicts and up to three suggestions. All lessons are added in
 * one unit of work.
 */
export class CreateSeries {
  constructor(
    private readonly series: SeriesRepository,
    private readonly lessons: LessonRepository,
    private readonly calendar: CalendarRepository,
    private readonly timetable: Timetable,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateSeriesInput): Promise<CreateSeriesResult> {
    return checkThenCommit(this.uow, () => this.prepare(actor, input));
  }

  async prepare(actor: Actor, input: CreateSeriesInput): Promise<Prepared<CreateSeriesResult>> {
    const plan = await this.plan(actor, input);
    if (plan.problems.length > 0) throw seriesConflictError(plan.problems);
    return this.prepared(actor, input, plan);
  }

  /**
   * Everything `prepare` checks, without refusing the clashes: the series, the dates the rule gives (after closures
   * and the resolutions), and each date that cannot be booked as it stands with its conflicts and suggestions.
   * Throws for anything else (the term, the people, the rule, the resolutions). A term rollover previews with it.
   */
  async plan(actor: Actor, input: CreateSeriesInput): Promise<SeriesPlan> {
    requireCanBookFor(actor, input.teacherId);
    const term = await this.calendar.termById(input.termId);
    if (!term) throw DomainError.notFound('SCHEDULING.TERM_NOT_FOUND', 'The term');
    const timeZone = await this.timetable.timeZone();
    const series = LessonSeries.create({ ...input, schoolId: actor.schoolId, term, timeZone });
    await this.timetable.requireReferences(input);
    const closures = await this.calendar.closures({ from: series.firstDate, to: series.untilDate });
    const expansion = expandSeries({ ...series.snapshot(), closures: closures.map((c) => c.snapshot()) });
    if (expansion.occurrences.length === 0) {
      throw DomainError.invalid('SCHEDULING.EMPTY_SERIES', 'rrule', 'The rule gives no lesson between the first date and the end of the term.');
    }

    const resolutions = new Map<string, SeriesResolution>();
    (input.resolutions ?? []).forEach((r, i) => {
      if (!expansion.occurrences.some((o) => o.date === r.date)) {
        throw DomainError.invalid('SCHEDULING.INVALID_RESOLUTION', `resolutions.${i}.date`, 'No lesson of the series falls on this date.');
      }
      if (resolutions.has(r.date)) throw DomainError.invalid('SCHEDULING.INVALID_RESOLUTION', `resolutions.${i}.date`, 'This date is resolved twice.');
      if (r.action === 'move') {
        if (!r.start || !r.end) throw DomainError.invalid('SCHEDULING.INVALID_RESOLUTION', `resolutions.${i}.start`, 'A move needs a start and an end.');
        assertLessonSpan(r.start, r.end);
      } else if (r.action !== 'skip') {
        throw DomainError.invalid('SCHEDULING.INVALID_RESOLUTION', `resolutions.${i}.action`, 'The action is skip or move.');
      }
      resolutions.set(r.date, r);
    });

    const base = { teacherId: input.teacherId, studentIds: input.studentIds, accompanistId: input.accompanistId ?? null, roomId: input.roomId ?? null };
    const candidates: SeriesCandidate[] = [];
    const skipped: CreateSeriesResult['skipped'] = expansion.skipped.map((s) => ({ date: s.date, reason: 'closure', closureId: s.closureId }));
    for (const occurrence of expansion.occurrences) {
      const resolution = resolutions.get(occurrence.date);
      if (resolution?.action === 'skip') {
        skipped.push({ date: occurrence.date, reason: 'resolution', closureId: null });
        continue;
      }
      const slot = resolution?.action === 'move' && resolution.start && resolution.end ? { start: resolution.start, end: resolution.end } : occurrence;
      candidates.push({ ...base, date: occurrence.date, start: slot.start, end: slot.end });
    }
    const now = this.clock.now();
    const { problems, overridden } = await occurrenceProblems(this.timetable, candidates, { actor, override: input.override, timeZone, now });
    // A moved occurrence must not land on another lesson of the same series.
    for (const [i, a] of candidates.entries()) {
      const clash = candidates.find((b, j) => j !== i && a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime());
      if (clash && !problems.some((p) => p.date === a.date)) {
        problems.push({
          date: a.date,
          start: a.start,
          end: a.end,
          conflicts: [{ kind: 'teacher', severity: 'hard', id: null, start: clash.start, end: clash.end, message: 'This overlaps another lesson of the same series.' }],
          suggestions: [],
        });
      }
    }
    skipped.sort((a, b) => a.date.localeCompare(b.date));
    return { series, candidates, skipped, problems: problems.sort((a, b) => a.date.localeCompare(b.date)), overridden, now };
  }

  /** The write of a plan without problems: the series, its lessons, the audit entry and the lessons' events. */
  prepared(actor: Actor, input: CreateSeriesInput, plan: SeriesPlan): Prepared<CreateSeriesResult> {
    const { series, candidates, skipped, overridden, now } = plan;
    const base = { teacherId: input.teacherId, studentIds: input.studentIds, accompanistId: input.accompanistId ?? null, roomId: input.roomId ?? null };
    const lessons = candidates.map((c) =>
      Lesson.schedule({ ...base, schoolId: actor.schoolId, lessonTypeId: input.lessonTypeId ?? null, seriesId: series.id, start: c.start, end: c.end }),
    );
    const commit = async () => {
      await this.series.add(series);
      await this.lessons.add(lessons);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'scheduling.series.created',
        entityType: 'lesson_series',
        entityId: series.id,
        after: {
          ...series.snapshot(),
          lessonIds: lessons.map((l) => l.id),
          skipped,
          ...(overridden.length ? { override: { reason: input.override?.reason, conflicts: overridden } } : {}),
        },
      });
      await this.events.publish(lessons.map((l) => outgoingEvent(actor.schoolId, now, integrationEvent('lesson.scheduled.v1', { actorId: actor.userId, lesson: lessonEventData(l) }))));
    };
    return { result: { series, lessons, skipped }, commit };
  }
}
