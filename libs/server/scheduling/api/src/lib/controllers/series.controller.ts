import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateSeries, type LessonTypeId, type RoomId, type TermId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CreateSeriesRequest, type Lesson, type LessonSeries, CreateSeriesResult } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentLesson, presentSeries } from '../presenters.js';
import { user, when } from '../request-values.js';

@ApiTags('lesson-series')
@Controller('lesson-series')
export class SeriesController {
  constructor(private readonly createSeries: CreateSeries) {}

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
      resolutions: body.resolutions.map((r) => ({ date: r.date, action: r.action, start: r.start ? when(r.start) : undefined, end: r.end ? when(r.end) : undefined })),
      override: body.override,
    });
    return { series: presentSeries(result.series), lessons: result.lessons.map(presentLesson), skipped: result.skipped.map((s) => s.date) };
  }
}
