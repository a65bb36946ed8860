import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListUsers, UserRepository, type Role } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, UsersQuery, type UserSummary } from '@cadenza/shared/contracts';
import { Clock, DomainError, asId, type UserId } from '@cadenza/shared/kernel';
import { presentUser } from './presenters.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsers,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access(['admin'])
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(UsersQuery)) query: { role?: Role }): Promise<UserSummary[]> {
    const now = this.clock.now();
    return (await this.listUsers.execute(actorOf(principal), query)).map((u) => presentUser(u, now));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins any user of their school; others only themselves')
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<UserSummary> {
    const actor = actorOf(principal);
    const user = actor.roles.includes('admin') || actor.userId === params.id ? await this.users.byId(asId<UserId>(params.id)) : null;
    if (!user) throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The user');
    return presentUser(user, this.clock.now());
  }
}
