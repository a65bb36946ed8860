import type { Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Invitation } from '../model/invitation.js';
import { InvitationRepository } from '../ports/index.js';

/** The school's invitations, for its admins. */
export class ListInvitations {
  constructor(private readonly invitations: InvitationRepository) {}

  async execute(actor: Actor): Promise<Invitation[]> {
    requireRole(actor, 'admin');
    return this.invitations.list();
  }
}
