import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangeMyPassword, GetMe, UpdateMyProfile, type SessionId } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { asId } from '@cadenza/shared/kernel';
import { ChangePasswordRequest, UpdateMeRequest, Me } from '@cadenza/shared/contracts';
import { presentMe } from './presenters.js';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly getMe: GetMe,
    private readonly updateProfile: UpdateMyProfile,
    private readonly changePassword: ChangeMyPassword,
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

  @Post('password')
  @HttpCode(204)
  @Access(ANY_SIGNED_IN, 'their own account')
  @Endpoint({
    summary: 'Change my password',
    description: 'Checks the current password; on success every other session of the account ends, this one stays signed in.',
    response: null,
    problems: [
      { status: 400, code: 'IDENTITY.WRONG_CURRENT_PASSWORD', when: 'The current password is not right (field `currentPassword`).' },
      { status: 429, code: 'IDENTITY.TOO_MANY_PASSWORD_CHANGES', when: 'The current password was tried too often for this account; wait and try again.' },
    ],
  })
  async password(@CurrentPrincipal() principal: Principal, @Body(validate(ChangePasswordRequest)) body: ChangePasswordRequest): Promise<void> {
    await this.changePassword.execute(actorOf(principal), { ...body, sessionId: asId<SessionId>(principal.sessionId) });
  }
}
