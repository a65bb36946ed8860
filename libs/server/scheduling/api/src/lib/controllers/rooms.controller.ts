import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateRoom, ListRooms, UpdateRoom, type RoomId } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CreateRoomRequest, IdParam, UpdateRoomRequest, Room } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentRoom } from '../presenters.js';

@ApiTags('rooms')
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly listRooms: ListRooms,
    private readonly createRoom: CreateRoom,
    private readonly updateRoom: UpdateRoom,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone in the school: staff plan with them, families see where their lessons are')
  @Endpoint({ summary: 'List rooms', response: z.array(Room) })
  async list(@CurrentPrincipal() principal: Principal): Promise<Room[]> {
    return (await this.listRooms.execute(actorOf(principal), { includeInactive: true })).map(presentRoom);
  }

  @Post()
  @Access(['admin'])
  @Endpoint({ summary: 'Add a room', response: Room })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateRoomRequest)) body: CreateRoomRequest): Promise<Room> {
    return presentRoom(await this.createRoom.execute(actorOf(principal), body));
  }

  @Patch(':id')
  @Access(['admin'])
  @Endpoint({ summary: 'Change a room', response: Room })
  async update(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(UpdateRoomRequest)) body: UpdateRoomRequest): Promise<Room> {
    return presentRoom(await this.updateRoom.execute(actorOf(principal), { roomId: asId<RoomId>(params.id), ...body }));
  }
}
