import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AcceptInvitation, InvitationRepository, InviteUser, requireRole, type InvitationId } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Public, validate, type Principal } from '@cadenza/server/platform/http';
import { AcceptInvitationRequest, CreateInvitationRequest, IdParam, type Invitation as InvitationView } from '@cadenza/shared/contracts';
import { AuditTrail, Clock, DomainError, UnitOfWork, asId } from '@cadenza/shared/kernel';
import { presentInvitation } from './presenters.js';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invite: InviteUser,
    private readonly accept: AcceptInvitation,
    private readonly invitations: InvitationRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Access(['admin'])
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateInvitationRequest)) body: CreateInvitationRequest): Promise<InvitationView> {
    return presentInvitation(await this.invite.execute(actorOf(principal), body));
  }

  @Get()
  @Access(['admin'])
  async list(): Promise<InvitationView[]> {
    return (await this.invitations.list()).map(presentInvitation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin'])
  async revoke(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<void> {
    const actor = actorOf(principal);
    requireRole(actor, 'admin');
    await this.uow.run(async () => {
      const invitation = await this.invitations.byId(asId<InvitationId>(params.id));
      if (!invitation) throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The invitation');
      invitation.revoke(this.clock.now());
      await this.invitations.update(invitation);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.invitation.revoked', entityType: 'invitation', entityId: invitation.id });
    });
  }

  @Post('accept')
  @Public('Authenticated by the token from the invitation mail.')
  async acceptInvitation(@Body(validate(AcceptInvitationRequest)) body: AcceptInvitationRequest): Promise<{ email: string }> {
    const user = await this.accept.execute(body);
    return { email: user.email };
  }
}
