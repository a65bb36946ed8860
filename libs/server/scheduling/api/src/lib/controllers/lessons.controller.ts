import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import {
  BookLesson,
  CancelLesson,
  EditLesson,
  GetLesson,
  ListLessons,
  MoveLesson,
  checkListRange,
  listingAudience,
  type LessonId,
  type LessonQuery,
  type LessonTypeId,
  type MakeupCreditId,
  type RoomId,
} from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BookLessonRequest, CancelLessonRequest, EditLessonRequest, EditLessonResult, IdParam, LessonsQuery, MoveLessonRequest, Lesson, LessonDetail, type LessonSeries, type MakeupCredit, CancelLessonResult, MoveLessonResult } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { TOO_MANY_CHANGES } from '../change-limit-problem.js';
import { CalendarCache } from '../calendar-cache.js';
import { sendCalendarAnswer } from '../calendar-negotiation.js';
import { presentCredit, presentLesson, presentLessonDetail, presentListed, presentSeries } from '../presenters.js';
import { user, when } from '../request-values.js';

@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(
    private readonly listLessons: ListLessons,
    private readonly getLesson: GetLesson,
    private readonly bookLesson: BookLesson,
    private readonly moveLesson: MoveLesson,
    private readonly editLesson: EditLesson,
    private readonly cancelLesson: CancelLesson,
    private readonly calendar: CalendarCache,
  ) {}

  /**
   * Answers whose content depends on the lessons alone (admins, staff, students) come from the
   * CalendarCache, checked against the lessons' fingerprint on every read, with a strong ETag
   * (If-None-Match: 304, no body). Parents' answers depend on family links and are built each time.
   */
  @Get()
  @Access(ANY_SIGNED_IN, 'admins all; staff their own (and room occupancy); students their own; parents their children’s')
  @Endpoint({ summary: 'List lessons in a period', description: 'Answers carry a strong ETag; `If-None-Match` answers 304 without a body when nothing changed.', response: z.array(Lesson) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(validate(LessonsQuery)) query: LessonsQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = actorOf(principal);
    const lessons: LessonQuery = {
      from: when(query.from),
      to: when(query.to),
      teacherId: query.teacherId ? user(query.teacherId) : undefined,
      studentId: query.studentId ? user(query.studentId) : undefined,
      roomId: query.roomId ? asId<RoomId>(query.roomId) : undefined,
      accompanistId: query.accompanistId ? user(query.accompanistId) : undefined,
      includeCancelled: query.includeCancelled,
    };
    const build = async (): Promise<Lesson[]> => (await this.listLessons.execute(actor, lessons)).map(presentListed);
    const audience = listingAudience(actor);
    if (audience === null) {
      response.json(await build());
      return;
    }
    checkListRange(lessons);
    sendCalendarAnswer(request, response, await this.calendar.read(`${actor.schoolId}|${audience}`, lessons, build));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins; the lesson’s teacher, accompanist and students; its students’ guardians (a family sees only its own students and requests)')
  @Endpoint({ summary: 'Read one lesson with its series, room, type, open requests and history', response: LessonDetail })
  async one(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<LessonDetail> {
    return presentLessonDetail(await this.getLesson.execute(actorOf(principal), asId<LessonId>(params.id)));
  }

  @Post()
  @Access(['admin', 'teacher'], 'teachers book their own lessons')
  @Endpoint({ summary: 'Book a lesson', response: Lesson, problems: [{ status: 409, code: 'SCHEDULING.CONFLICT', when: 'A hard conflict, or soft conflicts without an override: `conflicts` and `suggestions`.' }] })
  async book(@CurrentPrincipal() principal: Principal, @Body(validate(BookLessonRequest)) body: BookLessonRequest): Promise<Lesson> {
    const lesson = await this.bookLesson.execute(actorOf(principal), {
      teacherId: user(body.teacherId),
      studentIds: body.studentIds.map(user),
      roomId: body.roomId ? asId<RoomId>(body.roomId) : null,
      accompanistId: body.accompanistId ? user(body.accompanistId) : null,
      lessonTypeId: body.lessonTypeId ? asId<LessonTypeId>(body.lessonTypeId) : null,
      start: when(body.start),
      end: when(body.end),
      override: body.override,
      makeupCreditId: body.makeupCreditId ? asId<MakeupCreditId>(body.makeupCreditId) : undefined,
    });
    return presentLesson(lesson);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'teachers move their own lessons; families ask through a request')
  @Endpoint({ summary: 'Move a lesson (or it and the following)', response: MoveLessonResult, problems: [{ status: 409, code: 'SCHEDULING.CONFLICT', when: 'The new time conflicts: `conflicts` and `suggestions`.' }, TOO_MANY_CHANGES] })
  async move(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(MoveLessonRequest)) body: MoveLessonRequest,
  ): Promise<{ lessons: Lesson[]; series: LessonSeries | null }> {
    const result = await this.moveLesson.execute(actorOf(principal), {
      lessonId: asId<LessonId>(params.id),
      start: when(body.start),
      end: when(body.end),
      roomId: body.roomId === undefined ? undefined : body.roomId ? asId<RoomId>(body.roomId) : null,
      scope: body.scope,
      override: body.override,
    });
    return { lessons: result.lessons.map(presentLesson), series: result.series ? presentSeries(result.series) : null };
  }

  @Patch(':id')
  @Access(['admin', 'teacher'], 'admins; the lesson’s teacher (who may not hand it to another teacher)')
  @Endpoint({
    summary: 'Change a lesson’s teacher, accompanist, students, room, type or length (or it and the following)',
    response: EditLessonResult,
    problems: [
      { status: 409, code: 'SCHEDULING.CONFLICT', when: 'The changed lesson clashes: `conflicts` and `suggestions`.' },
      { status: 409, code: 'SCHEDULING.SERIES_CONFLICT', when: 'With `scope: following`, some lessons clash: `occurrences`.' },
      TOO_MANY_CHANGES,
    ],
  })
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(EditLessonRequest)) body: EditLessonRequest,
  ): Promise<EditLessonResult> {
    const optional = <T>(value: string | null | undefined, as: (v: string) => T): T | null | undefined => (value === undefined ? undefined : value === null ? null : as(value));
    const result = await this.editLesson.execute(actorOf(principal), {
      lessonId: asId<LessonId>(params.id),
      teacherId: body.teacherId ? user(body.teacherId) : undefined,
      studentIds: body.studentIds?.map(user),
      accompanistId: optional(body.accompanistId, user),
      roomId: optional(body.roomId, (v) => asId<RoomId>(v)),
      lessonTypeId: optional(body.lessonTypeId, (v) => asId<LessonTypeId>(v)),
      durationMinutes: body.durationMinutes,
      scope: body.scope,
      override: body.override,
    });
    return { lessons: result.lessons.map(presentLesson), series: result.series ? presentSeries(result.series) : null };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'staff of the lesson; its student; a parent with full access')
  @Endpoint({ summary: 'Cancel a lesson (or it and the following)', response: CancelLessonResult, problems: [{ status: 409, code: 'SCHEDULING.LESSON_NOT_SCHEDULED', when: 'The lesson is not scheduled any more.' }, TOO_MANY_CHANGES] })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(CancelLessonRequest)) body: CancelLessonRequest,
  ): Promise<{ lessons: Lesson[]; credits: MakeupCredit[] }> {
    const result = await this.cancelLesson.execute(actorOf(principal), { lessonId: asId<LessonId>(params.id), reason: body.reason, scope: body.scope });
    return { lessons: result.lessons.map(presentLesson), credits: result.credits.map(presentCredit) };
  }
}
