import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BookMakeupLesson,
  ExtendMakeupCredit,
  GrantMakeupCredit,
  ListMakeupCredits,
  ListOwnMakeupCredits,
  VoidMakeupCredit,
  type LessonId,
  type MakeupCreditId,
  type RoomId,
} from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BookMakeupLessonRequest, ExtendMakeupCreditRequest, GrantMakeupCreditRequest, IdParam, MakeupCreditsQuery, Lesson, MakeupCredit, VoidMakeupCreditRequest } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentCredit, presentLesson } from '../presenters.js';
import { user, when } from '../request-values.js';

const FINAL = [
  { status: 409, code: 'SCHEDULING.CREDIT_USED', when: 'The credit was used: it cannot change.' },
  { status: 409, code: 'SCHEDULING.CREDIT_VOID', when: 'The credit was voided: it cannot change.' },
] as const;

@ApiTags('makeup-credits')
@Controller('makeup-credits')
export class MakeupCreditsController {
  constructor(
    private readonly listCredits: ListMakeupCredits,
    private readonly listOwnCredits: ListOwnMakeupCredits,
    private readonly bookMakeup: BookMakeupLesson,
    private readonly grantCredit: GrantMakeupCredit,
    private readonly extendCredit: ExtendMakeupCredit,
    private readonly voidCredit: VoidMakeupCredit,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff any student’s; students their own; parents their children’s; admins, without `studentId`, the school’s')
  @Endpoint({ summary: 'List makeup credits', response: z.array(MakeupCredit) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(MakeupCreditsQuery)) query: MakeupCreditsQuery): Promise<MakeupCredit[]> {
    const actor = actorOf(principal);
    const credits = query.studentId ? await this.listCredits.execute(actor, { studentId: user(query.studentId) }) : await this.listOwnCredits.execute(actor);
    return credits.map(presentCredit);
  }

  @Post()
  @Access(['admin'])
  @Endpoint({
    summary: 'Grant a student a makeup credit for one of their lessons',
    response: MakeupCredit,
    problems: [{ status: 409, code: 'SCHEDULING.CREDIT_EXISTS', when: 'The student has a credit for that lesson already.' }],
  })
  async grant(@CurrentPrincipal() principal: Principal, @Body(validate(GrantMakeupCreditRequest)) body: GrantMakeupCreditRequest): Promise<MakeupCredit> {
    return presentCredit(await this.grantCredit.execute(actorOf(principal), { ...body, studentId: user(body.studentId), originLessonId: asId<LessonId>(body.originLessonId) }));
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({ summary: 'Move a makeup credit’s expiry (an expired one is available again)', response: MakeupCredit, problems: FINAL })
  async extend(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(ExtendMakeupCreditRequest)) body: ExtendMakeupCreditRequest): Promise<MakeupCredit> {
    return presentCredit(await this.extendCredit.execute(actorOf(principal), { creditId: asId<MakeupCreditId>(params.id), expiresAt: when(body.expiresAt), reason: body.reason }));
  }

  @Post(':id/void')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({ summary: 'Void an unused makeup credit, saying why', response: MakeupCredit, problems: FINAL })
  async void(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(VoidMakeupCreditRequest)) body: VoidMakeupCreditRequest): Promise<MakeupCredit> {
    return presentCredit(await this.voidCredit.execute(actorOf(principal), { creditId: asId<MakeupCreditId>(params.id), reason: body.reason }));
  }

  @Post(':id/book')
  @Access(['student', 'parent', 'admin'], 'the student; a parent with full access; admins, on the family’s behalf')
  @Endpoint({ summary: 'Book a makeup lesson with a credit', response: Lesson, problems: [{ status: 409, code: 'SCHEDULING.CONFLICT', when: 'The time conflicts: `conflicts` and `suggestions`.' }, { status: 409, code: 'SCHEDULING.CREDIT_USED', when: 'The credit was already used.' }, { status: 410, code: 'SCHEDULING.CREDIT_EXPIRED', when: 'The credit expired.' }] })
  async book(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(BookMakeupLessonRequest)) body: BookMakeupLessonRequest,
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
