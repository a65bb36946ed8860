import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateSeries, EndSeries, GetSeries, type LessonTypeId, type RoomId, type SeriesId, type TermId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CreateSeriesRequest, EndSeriesRequest, EndSeriesResult, IdParam, type Lesson, type LessonSeries, CreateSeriesResult, SeriesDetail } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { TOO_MANY_CHANGES } from '../change-limit-problem.js';
import { presentLesson, presentSeries, presentSeriesDetail } from '../presenters.js';
import { resolutionsOf, user } from '../request-values.js';

@ApiTags('lesson-series')
@Controller('lesson-series')
export class SeriesController {
  constructor(
    private readonly createSeries: CreateSeries,
    private readonly getSeries: GetSeries,
    private readonly endSeries: EndSeries,
  ) {}

  @Post(':id/end')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'admins; the series’ teacher')
  @Endpoint({ summary: 'End a series on a day, cancelling its lessons after it', response: EndSeriesResult, problems: [TOO_MANY_CHANGES] })
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(EndSeriesRequest)) body: EndSeriesRequest,
  ): Promise<EndSeriesResult> {
    const result = await this.endSeries.execute(actorOf(principal), { seriesId: asId<SeriesId>(params.id), lastDate: body.lastDate, reason: body.reason });
    return { series: presentSeries(result.series), cancelled: result.cancelled.map(presentLesson) };
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins; the series’ teacher, accompanist and students; its students’ guardians (a family sees only its own students)')
  @Endpoint({ summary: 'Read a series with every one of its lessons', response: SeriesDetail })
  async one(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<SeriesDetail> {
    return presentSeriesDetail(await this.getSeries.execute(actorOf(principal), asId<SeriesId>(params.id)));
  }

  @Post()
  @Access(['admin', 'teacher'], 'teachers create series of their own lessons')
  @Endpoint({ summary: 'Create a weekly series of lessons', response: CreateSeriesResult, problems: [{ status: 409, code: 'SCHEDULING.SERIES_CONFLICT', when: 'Some dates conflict: `occurrences`, each with its conflicts and suggestions.' }] })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body(validate(CreateSeriesRequest)) body: CreateSeriesRequest,
  ): Promise<{ series: LessonSeries; lessons: Lesson[]; skipped: string[] }> {
    const result = await this.createSeries.execute(actorOf(principal), {
      teacherId: user(body.teacherId),
      studentIds: body.studentIds.map(user),
      roomId: body.roomId ? asId<RoomId>(body.roomId) : null,
      accompanistId: body.accompanistId ? user(body.accompanistId) : null,
      lessonTypeId: body.lessonTypeId ? asId<LessonTypeId>(body.lessonTypeId) : null,
      termId: asId<TermId>(body.termId),
      rrule: body.rrule,
      startTime: body.startTime,
      durationMinutes: body.durationMinutes,
      firstDate: body.firstDate,
      resolutions: resolutionsOf(body.resolutions),
      override: body.override,
    });
    return { series: presentSeries(result.series), lessons: result.lessons.map(presentLesson), skipped: result.skipped.map((s) => s.date) };
  }
}
