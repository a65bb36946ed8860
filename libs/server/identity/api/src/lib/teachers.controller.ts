import { z } from 'zod';
import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetTeacher, ListTeachers, UpdateTeacherProfile } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, TeacherProfile, TeacherSummary, UpdateTeacherProfileRequest } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentTeacher, presentTeacherProfile } from './presenters.js';

@ApiTags('teachers')
@Controller('teachers')
export class TeachersController {
  constructor(
    private readonly listTeachers: ListTeachers,
    private readonly getTeacher: GetTeacher,
    private readonly updateTeacher: UpdateTeacherProfile,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone in the school: who teaches there, by name (no contact details)')
  @Endpoint({ summary: 'Who teaches at the school', response: z.array(TeacherSummary) })
  async list(@CurrentPrincipal() principal: Principal): Promise<TeacherSummary[]> {
    return (await this.listTeachers.execute(actorOf(principal))).map(presentTeacher);
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'everyone in the school: what they teach and their bio; the work contact only for staff and the teacher themself')
  @Endpoint({ summary: 'A teacher’s or accompanist’s profile', response: TeacherProfile })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<TeacherProfile> {
    return presentTeacherProfile(await this.getTeacher.execute(actorOf(principal), asId<UserId>(params.id)));
  }

  @Patch(':id')
  @Access(['admin', 'teacher', 'accompanist'], 'admins any teacher’s or accompanist’s profile; a teacher or accompanist their own')
  @Endpoint({ summary: 'Change a teacher’s or accompanist’s profile (only the fields given)', response: TeacherProfile })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(UpdateTeacherProfileRequest)) body: UpdateTeacherProfileRequest,
  ): Promise<TeacherProfile> {
    return presentTeacherProfile(await this.updateTeacher.execute(actorOf(principal), asId<UserId>(params.id), body));
  }
}
