import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddClosure,
  CreateLessonType,
  CreateTerm,
  ListClosures,
  ListLessonTypes,
  ListTerms,
  RemoveClosure,
  RemoveLessonType,
  RemoveTerm,
  UpdateClosure,
  UpdateLessonType,
  UpdateTerm,
  type ClosureId,
  type LessonTypeId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import {
  CreateClosureRequest,
  CreateLessonTypeRequest,
  CreateTermRequest,
  Closure,
  IdParam,
  LessonType,
  Term,
  UpdateLessonTypeRequest,
  UpdatePeriodRequest,
} from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentClosure, presentLessonType, presentTerm } from '../presenters.js';

const TERM_IN_USE = { status: 409, code: 'SCHEDULING.TERM_IN_USE', when: 'Series run in the term: its dates stay (renaming is allowed) and it cannot be removed.' } as const;
const TERM_OVERLAP = { status: 409, code: 'SCHEDULING.TERM_OVERLAP', when: 'The new dates overlap another term (field `startDate`).' } as const;

/** The school's calendar: terms, closures and the lesson types it offers. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    private readonly listTerms: ListTerms,
    private readonly createTerm: CreateTerm,
    private readonly updateTerm: UpdateTerm,
    private readonly removeTerm: RemoveTerm,
    private readonly listClosures: ListClosures,
    private readonly addClosure: AddClosure,
    private readonly updateClosure: UpdateClosure,
    private readonly removeClosure: RemoveClosure,
    private readonly listTypes: ListLessonTypes,
    private readonly createType: CreateLessonType,
    private readonly updateType: UpdateLessonType,
    private readonly removeType: RemoveLessonType,
  ) {}

  @Get('terms')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'List terms', response: z.array(Term) })
  async terms(@CurrentPrincipal() principal: Principal): Promise<Term[]> {
    return (await this.listTerms.execute(actorOf(principal))).map(presentTerm);
  }

  @Post('terms')
  @Access(['admin'])
  @Endpoint({ summary: 'Add a term', response: Term, problems: [TERM_OVERLAP] })
  async addTerm(@CurrentPrincipal() principal: Principal, @Body(validate(CreateTermRequest)) body: CreateTermRequest): Promise<Term> {
    return presentTerm(await this.createTerm.execute(actorOf(principal), body));
  }

  @Patch('terms/:id')
  @Access(['admin'])
  @Endpoint({ summary: 'Rename a term or change its dates', response: Term, problems: [TERM_IN_USE, TERM_OVERLAP] })
  async changeTerm(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(UpdatePeriodRequest)) body: UpdatePeriodRequest): Promise<Term> {
    return presentTerm(await this.updateTerm.execute(actorOf(principal), { termId: asId<TermId>(params.id), ...body }));
  }

  @Delete('terms/:id')
  @Access(['admin'])
  @HttpCode(204)
  @Endpoint({ summary: 'Remove a term no series runs in', response: null, problems: [TERM_IN_USE] })
  async deleteTerm(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<void> {
    await this.removeTerm.execute(actorOf(principal), { termId: asId<TermId>(params.id) });
  }

  @Get('closures')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'List closures', response: z.array(Closure) })
  async closures(@CurrentPrincipal() principal: Principal): Promise<Closure[]> {
    return (await this.listClosures.execute(actorOf(principal))).map(presentClosure);
  }

  @Post('closures')
  @Access(['admin'])
  @Endpoint({ summary: 'Add a closure', response: Closure })
  async close(@CurrentPrincipal() principal: Principal, @Body(validate(CreateClosureRequest)) body: CreateClosureRequest): Promise<Closure> {
    return presentClosure(await this.addClosure.execute(actorOf(principal), body));
  }

  @Patch('closures/:id')
  @Access(['admin'])
  @Endpoint({ summary: 'Rename a closure or change its dates', response: Closure })
  async changeClosure(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(UpdatePeriodRequest)) body: UpdatePeriodRequest): Promise<Closure> {
    return presentClosure(await this.updateClosure.execute(actorOf(principal), { closureId: asId<ClosureId>(params.id), ...body }));
  }

  @Delete('closures/:id')
  @Access(['admin'])
  @HttpCode(204)
  @Endpoint({ summary: 'Remove a closure: its days are open again', response: null })
  async deleteClosure(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<void> {
    await this.removeClosure.execute(actorOf(principal), { closureId: asId<ClosureId>(params.id) });
  }

  @Get('lesson-types')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'List lesson types', response: z.array(LessonType) })
  async lessonTypes(@CurrentPrincipal() principal: Principal): Promise<LessonType[]> {
    return (await this.listTypes.execute(actorOf(principal))).map(presentLessonType);
  }

  @Post('lesson-types')
  @Access(['admin'])
  @Endpoint({ summary: 'Add a lesson type', response: LessonType })
  async addLessonType(@CurrentPrincipal() principal: Principal, @Body(validate(CreateLessonTypeRequest)) body: CreateLessonTypeRequest): Promise<LessonType> {
    return presentLessonType(await this.createType.execute(actorOf(principal), body));
  }

  @Patch('lesson-types/:id')
  @Access(['admin'])
  @Endpoint({ summary: 'Change a lesson type', description: 'Lessons keep their times; a new duration applies to lessons booked from now on.', response: LessonType })
  async changeLessonType(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(UpdateLessonTypeRequest)) body: UpdateLessonTypeRequest): Promise<LessonType> {
    return presentLessonType(await this.updateType.execute(actorOf(principal), { typeId: asId<LessonTypeId>(params.id), ...body }));
  }

  @Delete('lesson-types/:id')
  @Access(['admin'])
  @HttpCode(204)
  @Endpoint({ summary: 'Remove a lesson type no lesson uses', response: null, problems: [{ status: 409, code: 'SCHEDULING.LESSON_TYPE_IN_USE', when: 'Lessons or series are of the type.' }] })
  async deleteLessonType(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<void> {
    await this.removeType.execute(actorOf(principal), { typeId: asId<LessonTypeId>(params.id) });
  }
}
