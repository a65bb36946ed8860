import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InviteGuardian } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { Family as FamilyView, IdParam, InviteGuardianRequest } from '@cadenza/shared/contracts';
import { asId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { FamilyPresenter } from './family-presenter.js';

/** A guardian who is not yet at the school, added to a family and invited by email. */
@ApiTags('families')
@Controller('families')
export class GuardianInvitationsController {
  constructor(
    private readonly inviteGuardian: InviteGuardian,
    private readonly families: FamilyPresenter,
  ) {}

  @Post(':id/guardian-invitations')
  @Access(['admin'])
  @Endpoint({
    summary: 'Add a new guardian to a family and invite them',
    description:
      'Records the person (a parent, no sign-in yet), links them with `level` to every child but where `access` says otherwise, and mails the usual invitation; accepting it lets them sign in and see the family.',
    response: FamilyView,
    problems: [
      { status: 409, code: 'IDENTITY.EMAIL_TAKEN', when: 'Someone already has an account with this email (field `email`): add them as they are.' },
      { status: 429, code: 'IDENTITY.TOO_MANY_INVITATIONS', when: 'Several invitations went out just now.' },
    ],
  })
  async invite(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(InviteGuardianRequest)) body: InviteGuardianRequest): Promise<FamilyView> {
    const family = await this.inviteGuardian.execute(actorOf(principal), asId<FamilyId>(params.id), {
      name: body.name,
      email: body.email,
      level: body.level,
      access: body.access?.map((a) => ({ childId: asId<UserId>(a.childId), level: a.level })),
    });
    return this.families.one(family);
  }
}
