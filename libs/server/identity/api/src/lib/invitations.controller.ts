import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AcceptInvitation, InviteUser, ListInvitations, RevokeInvitation, type InvitationId } from '@cadenza/server/identity/domain';
import { Access, actorOf, clientIp, CurrentPrincipal, Public, validate, type Principal } from '@cadenza/server/platform/http';
import { AcceptInvitationRequest, CreateInvitationRequest, IdParam, type Invitation as InvitationView } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentInvitation } from './presenters.js';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invite: InviteUser,
    private readonly accept: AcceptInvitation,
    private readonly listInvitations: ListInvitations,
    private readonly revokeInvitation: RevokeInvitation,
  ) {}

  @Post()
  @Access(['admin'])
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateInvitationRequest)) body: CreateInvitationRequest): Promise<InvitationView> {
    return presentInvitation(await this.invite.execute(actorOf(principal), body));
  }

  @Get()
  @Access(['admin'])
  async list(@CurrentPrincipal() principal: Principal): Promise<InvitationView[]> {
    return (await this.listInvitations.execute(actorOf(principal))).map(presentInvitation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin'])
  async revoke(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<void> {
    await this.revokeInvitation.execute(actorOf(principal), asId<InvitationId>(params.id));
  }

  @Post('accept')
  @Public('Authenticated by the token from the invitation mail; throttled per address.')
  async acceptInvitation(@Req() request: Request, @Body(validate(AcceptInvitationRequest)) body: AcceptInvitationRequest): Promise<{ email: string }> {
    const user = await this.accept.execute({ ...body, ip: clientIp(request) });
    return { email: user.email };
  }
}
