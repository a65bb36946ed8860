import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetAttendanceSettings, UpdateAttendanceSettings } from '@cadenza/server/attendance/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AttendanceSettings, UpdateAttendanceSettingsRequest } from '@cadenza/shared/contracts';
import { presentSettings } from '../presenters.js';

@ApiTags('attendance')
@Controller('attendance/settings')
export class AttendanceSettingsController {
  constructor(
    private readonly getSettings: GetAttendanceSettings,
    private readonly updateSettings: UpdateAttendanceSettings,
  ) {}

  @Get()
  @Access(['admin', 'teacher', 'accompanist'], 'the staff: a teacher’s screen shows when registers open and close')
  @Endpoint({ summary: 'The school’s attendance settings', response: AttendanceSettings })
  async get(@CurrentPrincipal() principal: Principal): Promise<AttendanceSettings> {
    return presentSettings(await this.getSettings.execute(actorOf(principal)));
  }

  @Patch()
  @Access(['admin'])
  @Endpoint({ summary: 'Change the early marking minutes, the marking window and the on-time grace', response: AttendanceSettings })
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateAttendanceSettingsRequest)) body: UpdateAttendanceSettingsRequest): Promise<AttendanceSettings> {
    return presentSettings(await this.updateSettings.execute(actorOf(principal), body));
  }
}
