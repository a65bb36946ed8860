import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetSchoolSettings, UpdateSchoolSettings } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateSchoolSettingsRequest, SchoolSettings } from '@cadenza/shared/contracts';
import { presentSchool } from './presenters.js';

@ApiTags('school')
@Controller('school')
export class SchoolController {
  constructor(
    private readonly getSettings: GetSchoolSettings,
    private readonly updateSettings: UpdateSchoolSettings,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'their own school')
  @Endpoint({ summary: 'The school’s settings', response: SchoolSettings })
  async get(@CurrentPrincipal() principal: Principal): Promise<SchoolSettings> {
    return presentSchool(await this.getSettings.execute(actorOf(principal)));
  }

  @Patch()
  @Access(['admin'], 'their own school')
  @Endpoint({ summary: 'Change the school’s settings', response: SchoolSettings })
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateSchoolSettingsRequest)) body: UpdateSchoolSettingsRequest): Promise<SchoolSettings> {
    return presentSchool(await this.updateSettings.execute(actorOf(principal), body));
  }
}
