import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import {
  AcceptCounterProposal,
  AddAvailabilityException,
  AddClosure,
  ApproveRequest,
  BookLesson,
  BookMakeupLesson,
  CancelLesson,
  CounterPropose,
  CreateLessonType,
  CreateRoom,
  CreateSeries,
  CreateTerm,
  DeclineRequest,
  FindFreeSlots,
  GetAvailability,
  GetSchedulingPolicy,
  ListClosures,
  ListLessonRequests,
  ListLessonTypes,
  ListLessons,
  ListMakeupCredits,
  ListRooms,
  ListTerms,
  MoveLesson,
  SchoolDirectory,
  SetAvailability,
  SubmitLessonRequest,
  UpdateRoom,
  UpdateSchedulingPolicy,
  WithdrawRequest,
  checkListRange,
  listingAudience,
  type LessonId,
  type LessonQuery,
  type LessonRequest as DomainLessonRequest,
  type LessonRequestId,
  type LessonRequestStatus,
  type LessonTypeId,
  type MakeupCreditId,
  type RoomId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import { ANY_SIGNED_IN, Access, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import {
  AddAvailabilityExceptionRequest,
  BookLessonRequest,
  CancelLessonRequest,
  CounterRequestRequest,
  CreateClosureRequest,
  CreateLessonRequestRequest,
  CreateLessonTypeRequest,
  CreateRoomRequest,
  CreateSeriesRequest,
  CreateTermRequest,
  DeclineRequestRequest,
  FreeSlotsQuery,
  IdParam,
  LessonRequestsQuery,
  LessonsQuery,
  MoveLessonRequest,
  SetAvailabilityRequest,
  UpdateRoomRequest,
  UpdateSchedulingPolicyRequest,
  type Availability,
  type Closure,
  type FreeSlot,
  type Lesson,
  type LessonRequest,
  type LessonSeries,
  type LessonType,
  type MakeupCredit,
  type Room,
  type SchedulingPolicy,
  type Term,
} from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { CalendarCache, encodedBody, type CalendarEncoding } from './calendar-cache.js';
import {
  presentAvailability,
  presentClosure,
  presentCredit,
  presentLesson,
  presentLessonType,
  presentListed,
  presentPolicy,
  presentRequest,
  presentRoom,
  presentSeries,
  presentSlot,
  presentTerm,
} from './presenters.js';

const STAFF = ['admin', 'teacher', 'accompanist'] as const;
const PersonParam = z.strictObject({ personId: z.uuid({ message: 'Must be a UUID.' }) });
const user = (value: string) => asId<UserId>(value);
const when = (value: string) => new Date(value);
/** Whether an If-None-Match header names the ETag (weak comparison, as for GET), or is `*`. */
const matches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

@ApiTags('rooms')
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly listRooms: ListRooms,
    private readonly createRoom: CreateRoom,
    private readonly updateRoom: UpdateRoom,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone in the school: staff plan with them, families see where their lessons are')
  async list(@CurrentPrincipal() principal: Principal): Promise<Room[]> {
    return (await this.listRooms.execute(actorOf(principal), { includeInactive: true })).map(presentRoom);
  }

  @Post()
  @Access(['admin'])
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateRoomRequest)) body: CreateRoomRequest): Promise<Room> {
    return presentRoom(await this.createRoom.execute(actorOf(principal), body));
  }

  @Patch(':id')
  @Access(['admin'])
  async update(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }, @Body(validate(UpdateRoomRequest)) body: z.infer<typeof UpdateRoomRequest>): Promise<Room> {
    return presentRoom(await this.updateRoom.execute(actorOf(principal), { roomId: asId<RoomId>(params.id), ...body }));
  }
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    private readonly listTerms: ListTerms,
    private readonly createTerm: CreateTerm,
    private readonly listClosures: ListClosures,
    private readonly addClosure: AddClosure,
    private readonly listTypes: ListLessonTypes,
    private readonly createType: CreateLessonType,
  ) {}

  @Get('terms')
  @Access(ANY_SIGNED_IN)
  async terms(@CurrentPrincipal() principal: Principal): Promise<Term[]> {
    return (await this.listTerms.execute(actorOf(principal))).map(presentTerm);
  }

  @Post('terms')
  @Access(['admin'])
  async addTerm(@CurrentPrincipal() principal: Principal, @Body(validate(CreateTermRequest)) body: CreateTermRequest): Promise<Term> {
    return presentTerm(await this.createTerm.execute(actorOf(principal), body));
  }

  @Get('closures')
  @Access(ANY_SIGNED_IN)
  async closures(@CurrentPrincipal() principal: Principal): Promise<Closure[]> {
    return (await this.listClosures.execute(actorOf(principal))).map(presentClosure);
  }

  @Post('closures')
  @Access(['admin'])
  async close(@CurrentPrincipal() principal: Principal, @Body(validate(CreateClosureRequest)) body: CreateClosureRequest): Promise<Closure> {
    return presentClosure(await this.addClosure.execute(actorOf(principal), body));
  }

  @Get('lesson-types')
  @Access(ANY_SIGNED_IN)
  async lessonTypes(@CurrentPrincipal() principal: Principal): Promise<LessonType[]> {
    return (await this.listTypes.execute(actorOf(principal))).map(presentLessonType);
  }

  @Post('lesson-types')
  @Access(['admin'])
  async addLessonType(@CurrentPrincipal() principal: Principal, @Body(validate(CreateLessonTypeRequest)) body: CreateLessonTypeRequest): Promise<LessonType> {
    return presentLessonType(await this.createType.execute(actorOf(principal), body));
  }
}

@ApiTags('availability')
@Controller('availability')
export class AvailabilityController {
  constructor(
    private readonly findSlots: FindFreeSlots,
    private readonly getAvailability: GetAvailability,
    private readonly setAvailability: SetAvailability,
    private readonly addException: AddAvailabilityException,
  ) {}

  @Get('slots')
  @Access(ANY_SIGNED_IN, 'staff plan freely; students and parents with full access look for slots with a teacher')
  async slots(@CurrentPrincipal() principal: Principal, @Query(validate(FreeSlotsQuery)) query: FreeSlotsQuery): Promise<FreeSlot[]> {
    const slots = await this.findSlots.execute(actorOf(principal), {
      teacherId: user(query.teacherId),
      durationMinutes: query.durationMinutes,
      from: when(query.from),
      to: when(query.to),
      studentId: query.studentId ? user(query.studentId) : undefined,
      accompanistId: query.accompanistId ? user(query.accompanistId) : undefined,
      roomFeature: query.roomFeature,
      limit: query.limit,
    });
    return slots.map(presentSlot);
  }

  @Get(':personId')
  @Access(ANY_SIGNED_IN)
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(PersonParam)) params: { personId: string }): Promise<Availability> {
    return presentAvailability(await this.getAvailability.execute(actorOf(principal), { personId: user(params.personId) }));
  }

  @Put(':personId')
  @Access(STAFF, 'admins for anyone; teachers and accompanists their own')
  async set(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(PersonParam)) params: { personId: string },
    @Body(validate(SetAvailabilityRequest)) body: SetAvailabilityRequest,
  ): Promise<Availability> {
    return presentAvailability(await this.setAvailability.execute(actorOf(principal), { personId: user(params.personId), ...body }));
  }

  @Post(':personId/exceptions')
  @Access(STAFF, 'admins for anyone; teachers and accompanists their own')
  async except(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(PersonParam)) params: { personId: string },
    @Body(validate(AddAvailabilityExceptionRequest)) body: AddAvailabilityExceptionRequest,
  ): Promise<Availability> {
    const actor = actorOf(principal);
    await this.addException.execute(actor, { personId: user(params.personId), ...body });
    return presentAvailability(await this.getAvailability.execute(actor, { personId: user(params.personId) }));
  }
}

@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(
    private readonly listLessons: ListLessons,
    private readonly bookLesson: BookLesson,
    private readonly moveLesson: MoveLesson,
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
    const answer = await this.calendar.read(`${actor.schoolId}|${audience}`, lessons, build);
    // Each encoding is its own representation, with its own ETag; all of them are kept with the answer.
    // The smallest the client accepts (brotli, then gzip), whatever order it lists them in.
    const encoding: CalendarEncoding = request.acceptsEncodings('br') === 'br' ? 'br' : request.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : 'identity';
    const etag = encoding === 'identity' ? answer.etag : answer.etag.replace(/"$/, encoding === 'gzip' ? '-gz"' : '-br"');
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    response.setHeader('Vary', 'Accept-Encoding');
    if (matches(request.header('if-none-match'), etag)) {
      response.status(304).end();
      return;
    }
    if (encoding !== 'identity') response.setHeader('Content-Encoding', encoding);
    response.type('application/json').send(encodedBody(answer, encoding));
  }

  @Post()
  @Access(['admin', 'teacher'], 'teachers book their own lessons')
  @ApiConflictResponse({ description: 'A hard conflict, or soft conflicts without an override: `conflicts` and `suggestions`.' })
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
  @ApiConflictResponse({ description: 'The new time conflicts: `conflicts` and `suggestions`.' })
  async move(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
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

  @Post(':id/cancel')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'staff of the lesson; its student; a parent with full access')
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(CancelLessonRequest)) body: CancelLessonRequest,
  ): Promise<{ lessons: Lesson[]; credits: MakeupCredit[] }> {
    const result = await this.cancelLesson.execute(actorOf(principal), { lessonId: asId<LessonId>(params.id), reason: body.reason, scope: body.scope });
    return { lessons: result.lessons.map(presentLesson), credits: result.credits.map(presentCredit) };
  }
}

@ApiTags('lesson-series')
@Controller('lesson-series')
export class SeriesController {
  constructor(private readonly createSeries: CreateSeries) {}

  @Post()
  @Access(['admin', 'teacher'], 'teachers create series of their own lessons')
  @ApiConflictResponse({ description: 'Some dates conflict: `occurrences`, each with its conflicts and suggestions.' })
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

@ApiTags('lesson-requests')
@Controller('lesson-requests')
export class LessonRequestsController {
  constructor(
    private readonly listRequests: ListLessonRequests,
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
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(LessonRequestsQuery)) query: { status?: LessonRequestStatus }): Promise<LessonRequest[]> {
    return this.present(await this.listRequests.execute(actorOf(principal), query));
  }

  /** Requests with who asked (by name) and the lesson each concerns, as it is now. */
  private async present(requests: readonly DomainLessonRequest[]): Promise<LessonRequest[]> {
    // One read for the requesters' names and one for the lessons, whatever the length of the page.
    const [people, lessons] = await Promise.all([this.directory.people(requests.map((r) => r.snapshot().requestedBy)), this.listRequests.lessonsOf(requests)]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    return requests.map((r) => presentRequest(r, names.get(r.snapshot().requestedBy) ?? null, (r.lessonId && lessons.get(r.lessonId)) || null));
  }

  private async presentOne(request: DomainLessonRequest): Promise<LessonRequest> {
    const [view] = await this.present([request]);
    return view;
  }

  @Post()
  @Access(['student', 'parent'], 'students for themselves; parents with full access for their children')
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateLessonRequestRequest)) body: z.infer<typeof CreateLessonRequestRequest>): Promise<LessonRequest> {
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
  @ApiConflictResponse({ description: 'Applying it would conflict: `conflicts` and `suggestions`.' })
  async approveRequest(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<LessonRequest> {
    return this.presentOne(await this.approve.execute(actorOf(principal), { requestId: asId<LessonRequestId>(params.id) }));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'the teacher it is addressed to, or an admin')
  async declineRequest(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(DeclineRequestRequest)) body: { reason: string },
  ): Promise<LessonRequest> {
    return this.presentOne(await this.decline.execute(actorOf(principal), { requestId: asId<LessonRequestId>(params.id), reason: body.reason }));
  }

  @Post(':id/counter')
  @HttpCode(200)
  @Access(['admin', 'teacher'], 'the teacher it is addressed to, or an admin')
  async counterRequest(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(CounterRequestRequest)) body: { start: string; end: string; message?: string },
  ): Promise<LessonRequest> {
    return this.presentOne(
      await this.counter.execute(actorOf(principal), { requestId: asId<LessonRequestId>(params.id), start: when(body.start), end: when(body.end), message: body.message ?? null }),
    );
  }

  @Post(':id/accept-counter')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'the requester; never the one who counter-proposed')
  async accept(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<LessonRequest> {
    return this.presentOne(await this.acceptCounter.execute(actorOf(principal), { requestId: asId<LessonRequestId>(params.id) }));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN, 'the requester')
  async withdrawRequest(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<LessonRequest> {
    return this.presentOne(await this.withdraw.execute(actorOf(principal), { requestId: asId<LessonRequestId>(params.id) }));
  }
}

const CreditsQuery = z.strictObject({ studentId: z.uuid({ message: 'Must be a UUID.' }).optional() });
const BookMakeupBody = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  roomId: z.uuid().nullable().optional(),
});

@ApiTags('makeup-credits')
@Controller('makeup-credits')
export class MakeupCreditsController {
  constructor(
    private readonly listCredits: ListMakeupCredits,
    private readonly bookMakeup: BookMakeupLesson,
    private readonly directory: SchoolDirectory,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff any student’s; students their own; parents their children’s')
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(CreditsQuery)) query: { studentId?: string }): Promise<MakeupCredit[]> {
    const actor = actorOf(principal);
    let students: UserId[];
    if (query.studentId) students = [user(query.studentId)];
    else if (principal.roles.includes('parent')) students = [...(principal.roles.includes('student') ? [actor.userId] : []), ...(await this.directory.childrenOf(actor.userId)).map((c) => c.studentId)];
    else students = [actor.userId];
    const lists = await Promise.all(students.map((studentId) => this.listCredits.execute(actor, { studentId })));
    return lists.flat().map(presentCredit);
  }

  @Post(':id/book')
  @Access(['student', 'parent', 'admin'], 'the student; a parent with full access; admins')
  async book(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(BookMakeupBody)) body: z.infer<typeof BookMakeupBody>,
  ): Promise<Lesson> {
    return presentLesson(
      await this.bookMakeup.execute(actorOf(principal), {
        makeupCreditId: asId<MakeupCreditId>(params.id),
        start: when(body.start),
        end: when(body.end),
        roomId: body.roomId === undefined ? undefined : body.roomId ? asId<RoomId>(body.roomId) : null,
      }),
    );
  }
}

@ApiTags('scheduling')
@Controller('scheduling/policy')
export class PolicyController {
  constructor(
    private readonly getPolicy: GetSchedulingPolicy,
    private readonly updatePolicy: UpdateSchedulingPolicy,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone reads it: families see it before cancelling')
  async get(@CurrentPrincipal() principal: Principal): Promise<SchedulingPolicy> {
    return presentPolicy(await this.getPolicy.execute(actorOf(principal)));
  }

  @Patch()
  @Access(['admin'])
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateSchedulingPolicyRequest)) body: z.infer<typeof UpdateSchedulingPolicyRequest>): Promise<SchedulingPolicy> {
    return presentPolicy(await this.updatePolicy.execute(actorOf(principal), body));
  }
}
