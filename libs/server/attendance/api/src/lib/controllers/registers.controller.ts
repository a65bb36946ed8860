import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EndLesson, GetRegister, ListRegisterHistory, ListRegisters, MarkRegister, StartLesson, type LessonId } from '@cadenza/server/attendance/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AttendanceLessonsQuery, LessonIdParam, LessonRegister, MarkRegisterRequest, RegisterChange } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentChange, presentRegister } from '../presenters.js';

const STAFF = ['admin', 'teacher', 'accompanist'] as const;
const lessonId = (params: LessonIdParam) => asId<LessonId>(params.lessonId);

const notYours = { status: 403, code: 'ATTENDANCE.NOT_YOUR_LESSON', when: 'Another teacher’s lesson: only its teacher, its accompanist and admins may mark or start it.' } as const;
const cancelled = { status: 409, code: 'ATTENDANCE.LESSON_CANCELLED', when: 'The lesson was cancelled: it has no register.' } as const;
const notStarted = { status: 409, code: 'ATTENDANCE.NOT_STARTED', when: 'The register is not open yet (before the lesson’s start, less the school’s early minutes), or the lesson was not started (ending it).' } as const;

@ApiTags('attendance')
@Controller('attendance/lessons')
export class RegistersController {
  constructor(
    private readonly listRegisters: ListRegisters,
    private readonly getRegister: GetRegister,
    private readonly listHistory: ListRegisterHistory,
    private readonly markRegister: MarkRegister,
    private readonly startLesson: StartLesson,
    private readonly endLesson: EndLesson,
  ) {}

  @Get()
  @Access([...STAFF], 'teachers and accompanists their own lessons; admins every lesson, or one teacher’s')
  @Endpoint({ summary: 'Lessons in a period with their registers (at most 31 days)', response: z.array(LessonRegister) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(AttendanceLessonsQuery)) query: AttendanceLessonsQuery): Promise<LessonRegister[]> {
    const views = await this.listRegisters.execute(actorOf(principal), {
      from: new Date(query.from),
      to: new Date(query.to),
      teacherId: query.teacherId ? asId<UserId>(query.teacherId) : undefined,
    });
    return views.map(presentRegister);
  }

  @Get(':lessonId')
  @Access([...STAFF], 'the lesson’s teacher and accompanist, and admins')
  @Endpoint({ summary: 'A lesson’s register', response: LessonRegister })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(LessonIdParam)) params: LessonIdParam): Promise<LessonRegister> {
    return presentRegister(await this.getRegister.execute(actorOf(principal), lessonId(params)));
  }

  @Get(':lessonId/history')
  @Access([...STAFF], 'the lesson’s teacher and accompanist, and admins')
  @Endpoint({ summary: 'Every change of a lesson’s register, oldest first', response: z.array(RegisterChange) })
  async history(@CurrentPrincipal() principal: Principal, @Param(validate(LessonIdParam)) params: LessonIdParam): Promise<RegisterChange[]> {
    return (await this.listHistory.execute(actorOf(principal), lessonId(params))).map(presentChange);
  }

  @Post(':lessonId/marks')
  @HttpCode(200)
  @Access([...STAFF], 'the lesson’s teacher and accompanist, and admins; after the marking window only admins, with a reason')
  @Endpoint({
    summary: 'Mark or correct students of a lesson’s register',
    description: 'Marking a student present or late starts the lesson if nobody has. Each changed mark keeps its history and is audited.',
    response: LessonRegister,
    problems: [notYours, cancelled, notStarted, { status: 403, code: 'ATTENDANCE.WINDOW_CLOSED', when: 'A teacher after the school’s marking window: an admin corrects it, with a reason.' }],
  })
  async mark(@CurrentPrincipal() principal: Principal, @Param(validate(LessonIdParam)) params: LessonIdParam, @Body(validate(MarkRegisterRequest)) body: MarkRegisterRequest): Promise<LessonRegister> {
    return presentRegister(
      await this.markRegister.execute(actorOf(principal), {
        lessonId: lessonId(params),
        marks: body.marks.map((m) => ({ studentId: asId<UserId>(m.studentId), status: m.status, lateMinutes: m.lateMinutes ?? null, note: m.note ?? null })),
        reason: body.reason ?? null,
      }),
    );
  }

  @Post(':lessonId/start')
  @HttpCode(200)
  @Access([...STAFF], 'the lesson’s teacher and accompanist, and admins')
  @Endpoint({
    summary: 'Start a lesson: records when it actually began (once)',
    response: LessonRegister,
    problems: [notYours, cancelled, notStarted, { status: 409, code: 'ATTENDANCE.LESSON_OVER', when: 'The lesson’s scheduled end has passed.' }],
  })
  async start(@CurrentPrincipal() principal: Principal, @Param(validate(LessonIdParam)) params: LessonIdParam): Promise<LessonRegister> {
    return presentRegister(await this.startLesson.execute(actorOf(principal), lessonId(params)));
  }

  @Post(':lessonId/end')
  @HttpCode(200)
  @Access([...STAFF], 'the lesson’s teacher and accompanist, and admins')
  @Endpoint({ summary: 'End a started lesson: records when it ended (once)', response: LessonRegister, problems: [notYours, cancelled, notStarted] })
  async end(@CurrentPrincipal() principal: Principal, @Param(validate(LessonIdParam)) params: LessonIdParam): Promise<LessonRegister> {
    return presentRegister(await this.endLesson.execute(actorOf(principal), lessonId(params)));
  }
}
