import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BookMakeupLesson, ListMakeupCredits, SchoolDirectory, type MakeupCreditId, type RoomId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import { BookMakeupLessonRequest, IdParam, MakeupCreditsQuery, type Lesson, type MakeupCredit } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentCredit, presentLesson } from '../presenters.js';
import { user, when } from '../request-values.js';

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
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(MakeupCreditsQuery)) query: MakeupCreditsQuery): Promise<MakeupCredit[]> {
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
