import { z } from 'zod';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BookMakeupLesson, ListMakeupCredits, ListOwnMakeupCredits, type MakeupCreditId, type RoomId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BookMakeupLessonRequest, IdParam, MakeupCreditsQuery, Lesson, MakeupCredit } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentCredit, presentLesson } from '../presenters.js';
import { user, when } from '../request-values.js';

@ApiTags('makeup-credits')
@Controller('makeup-credits')
export class MakeupCreditsController {
  constructor(
    private readonly listCredits: ListMakeupCredits,
    private readonly listOwnCredits: ListOwnMakeupCredits,
    private readonly bookMakeup: BookMakeupLesson,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff any student’s; students their own; parents their children’s')
  @Endpoint({ summary: 'List makeup credits', response: z.array(MakeupCredit) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(MakeupCreditsQuery)) query: MakeupCreditsQuery): Promise<MakeupCredit[]> {
    const actor = actorOf(principal);
    const credits = query.studentId ? await this.listCredits.execute(actor, { studentId: user(query.studentId) }) : await this.listOwnCredits.execute(actor);
    return credits.map(presentCredit);
  }

  @Post(':id/book')
  @Access(['student', 'parent', 'admin'], 'the student; a parent with full access; admins')
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
