import { z } from 'zod';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListTeachers } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, type Principal } from '@cadenza/server/platform/http';
import { TeacherSummary } from '@cadenza/shared/contracts';
import { presentTeacher } from './presenters.js';

@ApiTags('teachers')
@Controller('teachers')
export class TeachersController {
  constructor(private readonly listTeachers: ListTeachers) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone in the school: who teaches there, by name (no contact details)')
  @Endpoint({ summary: 'Who teaches at the school', response: z.array(TeacherSummary) })
  async list(@CurrentPrincipal() principal: Principal): Promise<TeacherSummary[]> {
    return (await this.listTeachers.execute(actorOf(principal))).map(presentTeacher);
  }
}
