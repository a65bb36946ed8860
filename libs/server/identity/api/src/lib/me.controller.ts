import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetMe, UpdateMyProfile } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateMeRequest, type Me } from '@cadenza/shared/contracts';
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
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const { user, school } = await this.getMe.execute(actorOf(principal));
    return presentMe(user, school);
  }

  @Patch()
  @Access(ANY_SIGNED_IN, 'their own account')
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateMeRequest)) body: UpdateMeRequest): Promise<Me> {
    const actor = actorOf(principal);
    await this.updateProfile.execute(actor, body);
    const { user, school } = await this.getMe.execute(actor);
    return presentMe(user, school);
  }
}
