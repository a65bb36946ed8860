import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RollOverTerm, type SeriesId, type TermId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, RolloverCommitRequest, RolloverPreview, RolloverPreviewRequest, RolloverResult } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentSeries, presentTerm } from '../presenters.js';
import { when } from '../request-values.js';

const ROLLOVER_CONFLICT = { status: 409, code: 'SCHEDULING.ROLLOVER_CONFLICT', when: 'Chosen series still clash on some dates: `series`, each with its `occurrences` (conflicts and suggestions). Nothing was created.' } as const;

/** Copying a term's weekly series into a later term: a preview with every clash, then one commit. */
@ApiTags('calendar')
@Controller('terms/:id/rollover')
export class RolloverController {
  constructor(private readonly rollOver: RollOverTerm) {}

  @Post('preview')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({ summary: 'Preview copying the term’s weekly series into a later term: each series’ dates there and their clashes', response: RolloverPreview })
  async preview(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(RolloverPreviewRequest)) body: RolloverPreviewRequest): Promise<RolloverPreview> {
    const preview = await this.rollOver.preview(actorOf(principal), { sourceTermId: asId<TermId>(params.id), targetTermId: asId<TermId>(body.targetTermId) });
    return {
      source: presentTerm(preview.source),
      target: presentTerm(preview.target),
      series: preview.series.map((s) => ({
        source: presentSeries(s.source),
        copyId: s.copyId,
        dates: s.dates.map((d) => ({
          date: d.date,
          start: d.start.toISOString(),
          end: d.end.toISOString(),
          conflicts: d.conflicts.map((c) => ({ ...c, start: c.start.toISOString(), end: c.end.toISOString() })),
          suggestions: d.suggestions.map((f) => ({ start: f.start.toISOString(), end: f.end.toISOString(), roomId: f.roomId })),
        })),
        closureDates: s.closureDates,
        problem: s.problem,
      })),
      people: [...preview.names].map(([id, name]) => ({ id, name })),
    };
  }

  @Post()
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({ summary: 'Copy the term’s weekly series into a later term, as chosen per series; once per series and term', response: RolloverResult, problems: [ROLLOVER_CONFLICT] })
  async commit(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(RolloverCommitRequest)) body: RolloverCommitRequest): Promise<RolloverResult> {
    const result = await this.rollOver.commit(actorOf(principal), {
      sourceTermId: asId<TermId>(params.id),
      targetTermId: asId<TermId>(body.targetTermId),
      series: body.series.map((c) => ({
        seriesId: asId<SeriesId>(c.seriesId),
        action: c.action,
        resolutions: c.resolutions.map((r) => ({ date: r.date, action: r.action, start: r.start ? when(r.start) : undefined, end: r.end ? when(r.end) : undefined })),
      })),
    });
    return {
      source: presentTerm(result.source),
      target: presentTerm(result.target),
      created: result.created.map((c) => ({ sourceSeriesId: c.source.id, series: presentSeries(c.series), lessons: c.lessons.length, skipped: c.skipped })),
      alreadyCopied: result.alreadyCopied.map((c) => ({ sourceSeriesId: c.source.id, copyId: c.copyId })),
      notCopied: result.notCopied.map((s) => s.id),
    };
  }
}
