import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangeRoles, SchoolDay } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { ChangeRolesRequest, IdParam, UserSummary } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentUser } from './presenters.js';

/** Roles given or taken away by admins. */
@ApiTags('users')
@Controller('users')
export class PeopleRolesController {
  constructor(
    private readonly changeRoles: ChangeRoles,
    private readonly day: SchoolDay,
  ) {}

  @Put(':id/roles')
  @Access(['admin'])
  @Endpoint({
    summary: 'Set which of admin, teacher, accompanist and parent a person is',
    description:
      'Their student role, if any, stays. Their sessions end so the new roles apply from their next sign-in or refresh (an admin changing their own keeps theirs). Changes to the admins take turns, so the school always keeps one.',
    response: UserSummary,
    problems: [
      { status: 409, code: 'IDENTITY.CANNOT_REMOVE_OWN_ADMIN', when: 'The admin asked to take away their own admin role.' },
      { status: 409, code: 'IDENTITY.LAST_ADMIN', when: 'The person is the school’s last admin.' },
      { status: 409, code: 'IDENTITY.STILL_GUARDIAN', when: 'The parent role was taken from someone still a guardian in a family.' },
      { status: 409, code: 'IDENTITY.PERSON_ARCHIVED', when: 'The person is archived.' },
    ],
  })
  async change(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(ChangeRolesRequest)) body: ChangeRolesRequest,
  ): Promise<UserSummary> {
    return presentUser(await this.changeRoles.execute(actorOf(principal), asId<UserId>(params.id), body), await this.day.today());
  }
}
