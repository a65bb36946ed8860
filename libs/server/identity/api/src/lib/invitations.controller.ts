import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AcceptInvitation, InviteImportedPeople, InviteUser, ListInvitations, RevokeInvitation, type InvitationId } from '@cadenza/server/identity/domain';
import { Access, actorOf, clientIp, CurrentPrincipal, Endpoint, Public, validate, type Principal } from '@cadenza/server/platform/http';
import { AcceptInvitationRequest, CreateInvitationRequest, IdParam, ImportInvitations, Invitation as InvitationView, AcceptedInvitation, InviteImportedRequest } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentInvitation } from './presenters.js';

const THROTTLED = { status: 429, code: 'IDENTITY.TOO_MANY_LINK_ATTEMPTS', when: 'Too many attempts with emailed links from this address; wait and try again.' } as const;

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invite: InviteUser,
    private readonly accept: AcceptInvitation,
    private readonly listInvitations: ListInvitations,
    private readonly revokeInvitation: RevokeInvitation,
    private readonly inviteImported: InviteImportedPeople,
  ) {}

  @Post('imported')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({
    summary: 'Invite the people an import created who have an email and no sign-in yet',
    description:
      'One invitation each, under the invitations’ limits (per admin 30 at once, then one every 20 s); whoever has an invitation still open is not sent another, so pressing again sends only to those the limit held back.',
    response: ImportInvitations,
    problems: [{ status: 404, code: 'IDENTITY.IMPORT_NOT_FOUND', when: 'No import of this school created anyone with this run id.' }],
  })
  async inviteImportedPeople(@CurrentPrincipal() principal: Principal, @Body(validate(InviteImportedRequest)) body: InviteImportedRequest): Promise<ImportInvitations> {
    return this.inviteImported.execute(actorOf(principal), body.runId);
  }

  @Post()
  @Access(['admin'])
  @Endpoint({ summary: 'Invite someone by email', response: InvitationView, problems: [{ status: 409, code: 'IDENTITY.EMAIL_TAKEN', when: 'The email already has an account.' }] })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateInvitationRequest)) body: CreateInvitationRequest): Promise<InvitationView> {
    return presentInvitation(await this.invite.execute(actorOf(principal), body));
  }

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'List invitations', response: z.array(InvitationView) })
  async list(@CurrentPrincipal() principal: Principal): Promise<InvitationView[]> {
    return (await this.listInvitations.execute(actorOf(principal))).map(presentInvitation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin'])
  @Endpoint({ summary: 'Revoke an invitation', response: null })
  async revoke(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<void> {
    await this.revokeInvitation.execute(actorOf(principal), asId<InvitationId>(params.id));
  }

  @Post('accept')
  @Public('Authenticated by the token from the invitation mail; throttled per address.')
  @Endpoint({ summary: 'Accept an invitation and set a password', response: AcceptedInvitation, problems: [{ status: 410, code: 'IDENTITY.INVITATION_EXPIRED', when: 'The invitation expired or was revoked.' }, { status: 410, code: 'IDENTITY.INVITATION_USED', when: 'The invitation was already accepted.' }, THROTTLED] })
  async acceptInvitation(@Req() request: Request, @Body(validate(AcceptInvitationRequest)) body: AcceptInvitationRequest): Promise<{ email: string }> {
    const user = await this.accept.execute({ ...body, ip: clientIp(request) });
    // Accepting gave the account this invitation's email.
    return { email: user.email ?? '' };
  }
}
