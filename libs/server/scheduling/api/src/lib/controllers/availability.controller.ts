import { z } from 'zod';
import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AddAvailabilityException, FindFreeSlots, GetAvailability, SetAvailability, type RoomId } from '@cadenza/server/scheduling/domain';
import { asId } from '@cadenza/shared/kernel';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AddAvailabilityExceptionRequest, FreeSlotsQuery, PersonParam, SetAvailabilityRequest, Availability, FreeSlot } from '@cadenza/shared/contracts';
import { presentAvailability, presentSlot } from '../presenters.js';
import { user, when } from '../request-values.js';

const STAFF = ['admin', 'teacher', 'accompanist'] as const;

@ApiTags('availability')
@Controller('availability')
export class AvailabilityController {
  constructor(
    private readonly findSlots: FindFreeSlots,
    private readonly getAvailability: GetAvailability,
    private readonly setAvailability: SetAvailability,
    private readonly addException: AddAvailabilityException,
  ) {}

  @Get('slots')
  @Access(ANY_SIGNED_IN, 'staff plan freely; students and parents with full access look for slots with a teacher')
  @Endpoint({ summary: 'Find free slots with a teacher', response: z.array(FreeSlot) })
  async slots(@CurrentPrincipal() principal: Principal, @Query(validate(FreeSlotsQuery)) query: FreeSlotsQuery): Promise<FreeSlot[]> {
    const slots = await this.findSlots.execute(actorOf(principal), {
      teacherId: user(query.teacherId),
      durationMinutes: query.durationMinutes,
      from: when(query.from),
      to: when(query.to),
      studentId: query.studentId ? user(query.studentId) : undefined,
      accompanistId: query.accompanistId ? user(query.accompanistId) : undefined,
      roomFeature: query.roomFeature,
      roomId: query.roomId ? asId<RoomId>(query.roomId) : undefined,
      limit: query.limit,
    });
    return slots.map(presentSlot);
  }

  @Get(':personId')
  @Access(STAFF, 'the staff plan around each other’s hours; families look for free slots instead')
  @Endpoint({ summary: 'A teacher’s or accompanist’s availability', response: Availability })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(PersonParam)) params: PersonParam): Promise<Availability> {
    return presentAvailability(await this.getAvailability.execute(actorOf(principal), { personId: user(params.personId) }));
  }

  @Put(':personId')
  @Access(STAFF, 'admins for anyone; teachers and accompanists their own')
  @Endpoint({ summary: 'Set weekly availability and buffer', response: Availability })
  async set(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(PersonParam)) params: PersonParam,
    @Body(validate(SetAvailabilityRequest)) body: SetAvailabilityRequest,
  ): Promise<Availability> {
    return presentAvailability(await this.setAvailability.execute(actorOf(principal), { personId: user(params.personId), ...body }));
  }

  @Post(':personId/exceptions')
  @Access(STAFF, 'admins for anyone; teachers and accompanists their own')
  @Endpoint({ summary: 'Add an exception to availability', response: Availability })
  async except(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(PersonParam)) params: PersonParam,
    @Body(validate(AddAvailabilityExceptionRequest)) body: AddAvailabilityExceptionRequest,
  ): Promise<Availability> {
    const actor = actorOf(principal);
    await this.addException.execute(actor, { personId: user(params.personId), ...body });
    return presentAvailability(await this.getAvailability.execute(actor, { personId: user(params.personId) }));
  }
}
