import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AcceptCounterProposal,
  ApproveRequest,
  CounterPropose,
  DeclineRequest,
  GetLessonRequest,
  ListLessonRequests,
  SchoolDirectory,
  SubmitLessonRequest,
  WithdrawRequest,
  type LessonId,
  type LessonRequest as DomainLessonRequest,
  type LessonRequestId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { ApproveRequestRequest, CounterRequestRequest, CreateLessonRequestRequest, DeclineRequestRequest, IdParam, LessonRequestsQuery, LessonRequest } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentRequest } from '../presenters.js';
import { resolutionsOf, user, when } from '../request-values.js';
import { TOO_MANY_CHANGES, TOO_MANY_REQUESTS } from '../change-limit-problem.js';

const requestId = (id: string) => asId<LessonRequestId>(id);

@ApiTags('lesson-requests')
@Controller('lesson-requests')
export class LessonRequestsController {
  constructor(
    private readonly listRequests: ListLessonRequests,
    private readonly getRequest: GetLessonRequest,
    private readonly submit: SubmitLessonRequest,
    private readonly approve: ApproveRequest,
    private readonly decline: DeclineRequest,
    private readonly counter: CounterPropose,
    private readonly acceptCounter: AcceptCounterProposal,
    private readonly withdraw: WithdrawRequest,
    private readonly directory: SchoolDirectory,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'admins all; teachers those addressed to them; families their own and their children’s')
  @Endpoint({ summary: 'List lesson requests', response: z.array(LessonRequest) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(LessonRequestsQuery)) query: LessonRequestsQuery): Promise<LessonRequest[]> {
    return this.present(await this.listRequests.execute(actorOf(principal), query));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins; its requester, student and teacher; the student’s guardians')
  @Endpoint({ summary: 'Read one lesson request', response: LessonRequest })
  async one(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<LessonRequest> {
    return this.presentOne(await this.getRequest.execute(actorOf(principal), requestId(params.id)));
  }

  @Post()
  @Access(['student', 'parent'], 'students for themselves; parents with full access for their children')
  @Endpoint({
    summary: 'Ask for a lesson, a series, a new time or a cancellation',
    response: LessonRequest,
    problems: [{ status: 409, code: 'SCHEDULING.REQUEST_EXISTS', when: 'A request of this kind about the lesson for the student is open already: `requestId` and `href` name it.' }, TOO_MANY_REQUESTS],
  })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateLessonRequestRequest)) body: CreateLessonRequestRequest): Promise<LessonRequest> {
    const message = body.message ?? null;
    const input =
      body.kind === 'new_lesson'
        ? { kind: body.kind, studentId: user(body.studentId), teacherId: user(body.teacherId), start: when(body.start), end: when(body.end), message }
        : body.kind === 'new_series'
          ? { ...body, studentId: user(body.studentId), teacherId: user(body.teacherId), termId: asId<TermId>(body.termId), message }
          : body.kind === 'reschedule'
            ? { kind: body.kind, lessonId: asId<LessonId>(body.lessonId), start: when(body.start), end: when(body.end), message }
            : { kind: body.kind, lessonId: asId<LessonId>(body.lessonId), message };
    return this.presentOne(await this.submit.execute(actorOf(principal), input));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'the teacher it is addressed to, or an admin; never the requester')
  @Endpoint({
    summary: 'Approve a request',
    description: 'The body is optional. For a series request, `resolutions` skip or move its clashing dates, as when creating a series.',
    response: LessonRequest,
    problems: [
      { status: 409, code: 'SCHEDULING.CONFLICT', when: 'Applying it would conflict: `conflicts` and `suggestions`.' },
      { status: 409, code: 'SCHEDULING.SERIES_CONFLICT', when: 'Dates of a series request clash: each with its conflicts and suggestions, to skip or move.' },
      TOO_MANY_CHANGES,
    ],
  })
  async approveRequest(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(ApproveRequestRequest)) body: ApproveRequestRequest,
  ): Promise<LessonRequest> {
    return this.presentOne(await this.approve.execute(actorOf(principal), { requestId: requestId(params.id), resolutions: resolutionsOf(body.resolutions), override: body.override }));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'the teacher it is addressed to, or an admin')
  @Endpoint({ summary: 'Decline a request', response: LessonRequest, problems: [{ status: 409, code: 'SCHEDULING.REQUEST_CLOSED', when: 'The request was already decided or withdrawn.' }, TOO_MANY_CHANGES] })
  async declineRequest(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(DeclineRequestRequest)) body: DeclineRequestRequest,
  ): Promise<LessonRequest> {
    return this.presentOne(await this.decline.execute(actorOf(principal), { requestId: requestId(params.id), reason: body.reason }));
  }

  @Post(':id/counter')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'the teacher it is addressed to, or an admin')
  @Endpoint({
    summary: 'Propose another time',
    description: 'The time is checked against the timetable as accepting it would be; the lesson’s own current slot never clashes.',
    response: LessonRequest,
    problems: [{ status: 409, code: 'SCHEDULING.CONFLICT', when: 'The time clashes: `conflicts` and `suggestions`; nothing is sent.' }, TOO_MANY_CHANGES],
  })
  async counterRequest(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(CounterRequestRequest)) body: CounterRequestRequest,
  ): Promise<LessonRequest> {
    return this.presentOne(
      await this.counter.execute(actorOf(principal), { requestId: requestId(params.id), start: when(body.start), end: when(body.end), message: body.message ?? null }),
    );
  }

  @Post(':id/accept-counter')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'the requester; never the one who counter-proposed')
  @Endpoint({ summary: 'Accept a counter-proposal', response: LessonRequest, problems: [{ status: 409, code: 'SCHEDULING.CONFLICT', when: 'The proposed time now conflicts.' }] })
  async accept(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<LessonRequest> {
    return this.presentOne(await this.acceptCounter.execute(actorOf(principal), { requestId: requestId(params.id) }));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'the requester')
  @Endpoint({ summary: 'Withdraw a request', response: LessonRequest, problems: [{ status: 409, code: 'SCHEDULING.REQUEST_CLOSED', when: 'The request was already decided or withdrawn.' }] })
  async withdrawRequest(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<LessonRequest> {
    return this.presentOne(await this.withdraw.execute(actorOf(principal), { requestId: requestId(params.id) }));
  }

  /** Requests with who asked (by name) and the lesson each concerns, as it is now: one read for each, whatever the length of the page. */
  private async present(requests: readonly DomainLessonRequest[]): Promise<LessonRequest[]> {
    const people = await this.directory.people(requests.map((r) => r.snapshot().requestedBy));
    const lessons = await this.listRequests.lessonsOf(requests);
    const names = new Map(people.map((p) => [p.id, p.name]));
    return requests.map((r) => presentRequest(r, names.get(r.snapshot().requestedBy) ?? null, (r.lessonId && lessons.get(r.lessonId)) || null));
  }

  private async presentOne(request: DomainLessonRequest): Promise<LessonRequest> {
    const [view] = await this.present([request]);
    return view;
  }
}
