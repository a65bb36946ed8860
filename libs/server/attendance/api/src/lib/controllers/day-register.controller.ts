import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListDayRegisters } from '@cadenza/server/attendance/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { DayRegister, DayRegisterQuery } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentRegister } from '../presenters.js';

@ApiTags('attendance')
@Controller('attendance/day')
export class DayRegisterController {
  constructor(private readonly listDay: ListDayRegisters) {}

  @Get()
  @Access(['admin', 'teacher', 'accompanist'], 'teachers and accompanists their own lessons; admins every teacher’s, or one’s')
  @Endpoint({
    summary: 'A school day’s lessons with their registers and where each stands',
    description: 'The day runs from midnight to midnight in the school’s time zone (today there when no date is given); `state` keeps the registers standing so now.',
    response: DayRegister,
  })
  async day(@CurrentPrincipal() principal: Principal, @Query(validate(DayRegisterQuery)) query: DayRegisterQuery): Promise<DayRegister> {
    const day = await this.listDay.execute(actorOf(principal), {
      date: query.date,
      teacherId: query.teacherId ? asId<UserId>(query.teacherId) : undefined,
      progress: query.state,
    });
    return {
      date: day.day.date,
      timeZone: day.timeZone,
      from: day.day.from.toISOString(),
      to: day.day.to.toISOString(),
      lessons: day.lessons.map((view) => ({ ...presentRegister(view), state: view.progress })),
    };
  }
}
