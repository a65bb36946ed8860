import { z } from 'zod';
import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AddClosure, CreateLessonType, CreateTerm, ListClosures, ListLessonTypes, ListTerms } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CreateClosureRequest, CreateLessonTypeRequest, CreateTermRequest, Closure, LessonType, Term } from '@cadenza/shared/contracts';
import { presentClosure, presentLessonType, presentTerm } from '../presenters.js';

/** The school's calendar: terms, closures and the lesson types it offers. */
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
  @Endpoint({ summary: 'List terms', response: z.array(Term) })
  async terms(@CurrentPrincipal() principal: Principal): Promise<Term[]> {
    return (await this.listTerms.execute(actorOf(principal))).map(presentTerm);
  }

  @Post('terms')
  @Access(['admin'])
  @Endpoint({ summary: 'Add a term', response: Term })
  async addTerm(@CurrentPrincipal() principal: Principal, @Body(validate(CreateTermRequest)) body: CreateTermRequest): Promise<Term> {
    return presentTerm(await this.createTerm.execute(actorOf(principal), body));
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
}
