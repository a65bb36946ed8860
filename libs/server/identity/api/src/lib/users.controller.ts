import { z } from 'zod';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetUser, ListUsers, SchoolDay } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, UsersQuery, UserSummary } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentUser } from './presenters.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsers,
    private readonly getUser: GetUser,
    private readonly day: SchoolDay,
  ) {}

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'List the school’s users', response: z.array(UserSummary) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(UsersQuery)) query: UsersQuery): Promise<UserSummary[]> {
    const today = await this.day.today();
    return (await this.listUsers.execute(actorOf(principal), query)).map((u) => presentUser(u, today));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins any user of their school; others only themselves')
  @Endpoint({ summary: 'Read a user', response: UserSummary })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<UserSummary> {
    return presentUser(await this.getUser.execute(actorOf(principal), asId<UserId>(params.id)), await this.day.today());
  }
}
