import { AuditTrail, Clock, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { InvitationId } from '../model/invitation.js';
import { InvitationRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** An admin withdraws an invitation, so its link no longer works; audited. */
export class RevokeInvitation {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invitationId: InvitationId): Promise<void> {
    requireRole(actor, 'admin');
    await this.uow.run(async () => {
      const invitation = await this.invitations.byId(invitationId);
      if (!invitation) throw notFound('The invitation');
      invitation.revoke(this.clock.now());
      await this.invitations.update(invitation);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.invitation.revoked', entityType: 'invitation', entityId: invitation.id });
    });
  }
}
