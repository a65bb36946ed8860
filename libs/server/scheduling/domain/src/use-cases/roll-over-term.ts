import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { FreeSlotSuggestion, SchedulingConflict } from '../conflicts/conflict-checker.js';
import { requireAdmin } from '../model/actor.js';
import type { Term } from '../model/calendar.js';
import type { SeriesId, TermId } from '../model/ids.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { Lesson } from '../model/lesson.js';
import { CalendarRepository, SchoolDirectory, SeriesRepository } from '../ports/index.js';
import { CreateSeries, type CreateSeriesInput, type SeriesPlan, type SeriesResolution } from './create-series.js';
import { checkThenCommit, type Prepared } from './timetable.js';

export interface RolloverTerms {
  sourceTermId: TermId;
  targetTermId: TermId;
}

/** One date a copied series would give in the target term: its slot and, when it clashes, what with and free times near it. */
export interface RolloverDate {
  date: string;
  start: Date;
  end: Date;
  conflicts: SchedulingConflict[];
  suggestions: FreeSlotSuggestion[];
}

export interface RolloverSeriesPreview {
  source: LessonSeries;
  /** The copy already made in the target term: committing again creates nothing for this series. */
  copyId: SeriesId | null;
  /** The dates the copy would give (closures of the target term left out), in order. */
  dates: RolloverDate[];
  /** The rule's dates that fall on a closure of the target term. */
  closureDates: string[];
  /** Why the series cannot be copied at all (a person has left, the room is out of use, …), or null. */
  problem: { code: string; message: string } | null;
}

export interface RolloverPreview {
  source: Term;
  target: Term;
  series: RolloverSeriesPreview[];
  /** The names of the series' teachers, accompanists and students, by id. */
  names: Map<string, string>;
}

export interface RolloverChoice {
  seriesId: SeriesId;
  action: 'copy' | 'skip';
  /** For a copy: how to treat each clashing date, skip it or move it to a given slot (as creating a series takes). */
  resolutions?: readonly SeriesResolution[];
}

export interface RolloverResult {
  source: Term;
  target: Term;
  created: { source: LessonSeries; series: LessonSeries; lessons: Lesson[]; skipped: string[] }[];
  /** Series copied before (by an earlier or a racing commit): nothing was created for them. */
  alreadyCopied: { source: LessonSeries; copyId: SeriesId }[];
  /** Series the choices skipped, or left out. */
  notCopied: LessonSeries[];
}

/**
 * Copies a term's weekly series into a later term. The preview lists every series still running at the source
 * term's end with the dates its copy would have in the target term (after that term's closures) and each date's
 * clashes, checked by the same rules as booking a series; the commit takes a choice per series (copy, with a skip
 * or a move for each clashing date, or skip) and creates every copy in one unit of work, or none. A series is copied
 * into a term once: a commit repeated, or racing another, creates nothing more (the copies' unique key in the store).
 */
export class RollOverTerm {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly series: SeriesRepository,
    private readonly createSeries: CreateSeries,
    private readonly directory: SchoolDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async preview(actor: Actor, terms: RolloverTerms): Promise<RolloverPreview> {
    requireAdmin(actor);
    const { source, target, running, copies } = await this.load(terms);
    const series: RolloverSeriesPreview[] = [];
    for (const s of running) {
      const copyId = copies.get(s.id) ?? null;
      if (copyId) {
        series.push({ source: s, copyId, dates: [], closureDates: [], problem: null });
        continue;
      }
      try {
        const plan = await this.createSeries.plan(actor, copyInput(s, target));
        const clashes = new Map(plan.problems.map((p) => [p.date, p]));
        series.push({
          source: s,
          copyId: null,
          dates: plan.candidates.map((c) => ({ date: c.date, start: c.start, end: c.end, conflicts: clashes.get(c.date)?.conflicts ?? [], suggestions: clashes.get(c.date)?.suggestions ?? [] })),
          closureDates: plan.skipped.filter((k) => k.reason === 'closure').map((k) => k.date),
          problem: null,
        });
      } catch (error) {
        if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'not_found')) throw error;
        series.push({ source: s, copyId: null, dates: [], closureDates: [], problem: { code: error.code, message: error.message } });
      }
    }
    const named = new Set(running.flatMap((s) => [s.teacherId, ...s.studentIds, ...(s.accompanistId ? [s.accompanistId] : [])]));
    const names = new Map((await this.directory.people([...named])).map((p) => [p.id as string, p.name]));
    return { source, target, series, names };
  }

  async commit(actor: Actor, input: RolloverTerms & { series: readonly RolloverChoice[] }): Promise<RolloverResult> {
    requireAdmin(actor);
    return checkThenCommit(this.uow, () => this.prepare(actor, input));
  }

  private async prepare(actor: Actor, input: RolloverTerms & { series: readonly RolloverChoice[] }): Promise<Prepared<RolloverResult>> {
    const { source, target, running, copies } = await this.load(input);
    const byId = new Map(running.map((s) => [s.id as string, s]));
    const choices = new Map<string, { choice: RolloverChoice; index: number }>();
    input.series.forEach((choice, index) => {
      if (!byId.has(choice.seriesId)) throw DomainError.invalid('SCHEDULING.NOT_IN_ROLLOVER', `series.${index}.seriesId`, 'No series of the source term running to its end has this id.');
      if (choices.has(choice.seriesId)) throw DomainError.invalid('SCHEDULING.NOT_IN_ROLLOVER', `series.${index}.seriesId`, 'This series is chosen twice.');
      if (choice.action !== 'copy' && choice.action !== 'skip') throw DomainError.invalid('SCHEDULING.NOT_IN_ROLLOVER', `series.${index}.action`, 'The action is copy or skip.');
      if (choice.action === 'skip' && (choice.resolutions?.length ?? 0) > 0) throw DomainError.invalid('SCHEDULING.NOT_IN_ROLLOVER', `series.${index}.resolutions`, 'A skipped series takes no resolutions.');
      choices.set(choice.seriesId, { choice, index });
    });

    const result: RolloverResult = { source, target, created: [], alreadyCopied: [], notCopied: [] };
    const writes: { source: LessonSeries; input: CreateSeriesInput; plan: SeriesPlan }[] = [];
    const clashing: { seriesId: SeriesId; occurrences: SeriesPlan['problems'] }[] = [];
    for (const s of running) {
      const copyId = copies.get(s.id);
      if (copyId) {
        result.alreadyCopied.push({ source: s, copyId });
        continue;
      }
      const chosen = choices.get(s.id);
      if (!chosen || chosen.choice.action === 'skip') {
        result.notCopied.push(s);
        continue;
      }
      const copy = { ...copyInput(s, target), resolutions: chosen.choice.resolutions ?? [] };
      const plan = await this.createSeries.plan(actor, copy).catch((error: unknown) => {
        throw underChoice(error, chosen.index);
      });
      if (plan.problems.length > 0) clashing.push({ seriesId: s.id, occurrences: plan.problems });
      else writes.push({ source: s, input: copy, plan });
    }
    if (clashing.length > 0) {
      throw new DomainError('SCHEDULING.ROLLOVER_CONFLICT', 'conflict', 'Some dates of the copied series clash with the timetable: skip or move each, or skip the series.', { series: clashing });
    }

    const prepared = writes.map((w) => ({ source: w.source, write: this.createSeries.prepared(actor, w.input, w.plan) }));
    result.created = prepared.map((p) => ({ source: p.source, series: p.write.result.series, lessons: p.write.result.lessons, skipped: p.write.result.skipped.map((k) => k.date) }));
    const commit = async () => {
      for (const p of prepared) await p.write.commit();
      if (prepared.length === 0) return;
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'scheduling.term.rolled_over',
        entityType: 'term',
        entityId: target.id,
        after: { sourceTermId: source.id, copies: result.created.map((c) => ({ from: c.source.id, to: c.series.id, lessons: c.lessons.length })), notCopied: result.notCopied.map((s) => s.id) },
      });
    };
    return { result, commit };
  }

  /** The two terms, checked; the source's series running to its end; the copies the target already holds, by source. */
  private async load(terms: RolloverTerms): Promise<{ source: Term; target: Term; running: LessonSeries[]; copies: Map<string, SeriesId> }> {
    const source = await this.calendar.termById(terms.sourceTermId);
    if (!source) throw DomainError.notFound('SCHEDULING.TERM_NOT_FOUND', 'The term');
    if (terms.targetTermId === terms.sourceTermId) throw DomainError.invalid('SCHEDULING.ROLLOVER_TERMS', 'targetTermId', 'Choose another term to copy the series into.');
    const target = await this.calendar.termById(terms.targetTermId);
    if (!target) throw DomainError.invalid('SCHEDULING.TERM_NOT_FOUND', 'targetTermId', 'No term of the school has this id.');
    if (target.startDate <= source.endDate) throw DomainError.invalid('SCHEDULING.ROLLOVER_TERMS', 'targetTermId', `The term copied into must start after ${source.name} ends (${source.endDate}).`);
    const [sourceSeries, targetSeries] = await Promise.all([this.series.inTerm(source.id), this.series.inTerm(target.id)]);
    // By weekday of their first lesson, then time, so the list reads as the week does.
    const running = sourceSeries
      .filter((s) => s.untilDate >= source.endDate)
      .sort((a, b) => a.firstDate.localeCompare(b.firstDate) || a.startTime.localeCompare(b.startTime) || a.teacherId.localeCompare(b.teacherId));
    const copies = new Map<string, SeriesId>();
    for (const t of targetSeries) if (t.copiedFromId) copies.set(t.copiedFromId, t.id);
    return { source, target, running, copies };
  }
}

/** The copy of a series in the target term: the same people, room, type, weekday and time, from the term's first day to its end. */
function copyInput(s: LessonSeries, target: Term): CreateSeriesInput {
  return {
    teacherId: s.teacherId,
    studentIds: s.studentIds,
    roomId: s.roomId,
    accompanistId: s.accompanistId,
    lessonTypeId: s.lessonTypeId,
    termId: target.id,
    // A COUNT or UNTIL bounded the old term's dates; the copy runs to the new term's end.
    rrule: s.rrule
      .split(';')
      .filter((part) => !/^(COUNT|UNTIL)=/.test(part))
      .join(';'),
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    firstDate: target.startDate,
    copiedFromId: s.id,
  };
}

/** A refusal about one chosen series' copy, its fields named under that choice (`series.2.resolutions.0.date`). */
function underChoice(error: unknown, index: number): unknown {
  if (!(error instanceof DomainError) || error.kind !== 'invalid') return error;
  const fields = error.details.fields ?? [];
  const named = fields.map((f) => ({ field: f.field.startsWith('resolutions') ? `series.${index}.${f.field}` : `series.${index}.seriesId`, message: f.message }));
  return new DomainError(error.code, 'invalid', error.message, { ...error.details, fields: named.length ? named : [{ field: `series.${index}.seriesId`, message: error.message }] });
}
