import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetStudent, ListStudents, UpdateStudent } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, StudentsQuery, UpdateStudentRequest, UserSummary } from '@cadenza/shared/contracts';
import { Clock, asId, type UserId } from '@cadenza/shared/kernel';
import { presentUser } from './presenters.js';

@ApiTags('students')
@Controller('students')
export class StudentsController {
  constructor(
    private readonly listStudents: ListStudents,
    private readonly getStudent: GetStudent,
    private readonly updateStudent: UpdateStudent,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff see every student; a student themself; a parent their children')
  @Endpoint({ summary: 'List students', response: z.array(UserSummary) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(StudentsQuery)) query: StudentsQuery): Promise<UserSummary[]> {
    const now = this.clock.now();
    return (await this.listStudents.execute(actorOf(principal), query)).map((u) => presentUser(u, now));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'staff; the student themself; their guardians')
  @Endpoint({ summary: 'Read a student', response: UserSummary })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<UserSummary> {
    return presentUser(await this.getStudent.execute(actorOf(principal), asId<UserId>(params.id)), this.clock.now());
  }

  @Patch(':id')
  @Access(['admin', 'parent'], 'admins; guardians with full access to the child')
  @Endpoint({ summary: 'Change a student (name, date of birth, the day they left)', response: UserSummary })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(UpdateStudentRequest)) body: UpdateStudentRequest,
  ): Promise<UserSummary> {
    return presentUser(await this.updateStudent.execute(actorOf(principal), asId<UserId>(params.id), body), this.clock.now());
  }
}
