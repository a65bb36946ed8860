import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetMe, UpdateMyProfile } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateMeRequest, Me } from '@cadenza/shared/contracts';
import { presentMe } from './presenters.js';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly getMe: GetMe,
    private readonly updateProfile: UpdateMyProfile,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'their own account')
  @Endpoint({ summary: 'Who I am', response: Me })
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const { user, school } = await this.getMe.execute(actorOf(principal));
    return presentMe(user, school);
  }

  @Patch()
  @Access(ANY_SIGNED_IN, 'their own account')
  @Endpoint({ summary: 'Change my name, time zone or locale', response: Me })
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateMeRequest)) body: UpdateMeRequest): Promise<Me> {
    const actor = actorOf(principal);
    await this.updateProfile.execute(actor, body);
    const { user, school } = await this.getMe.execute(actor);
    return presentMe(user, school);
  }
}
