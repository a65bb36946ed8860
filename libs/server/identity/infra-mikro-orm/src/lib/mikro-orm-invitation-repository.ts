import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { Invitation, InvitationRepository, invitationOpen, type InvitationId } from '@cadenza/server/identity/domain';
import { InvitationSchema } from './entities.js';
import { toInvitation } from './mappers.js';

@Injectable()
export class MikroOrmInvitationRepository extends InvitationRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(invitation: Invitation): Promise<void> {
    try {
      await this.em.insert(InvitationSchema, invitation.snapshot());
    } catch (error) {
      // invitations_open_email_key: a concurrent unit of work committed an open invitation to this email first.
      if (error instanceof UniqueConstraintViolationException) throw invitationOpen();
      throw error;
    }
  }
  async update(invitation: Invitation): Promise<void> {
    const { id, acceptedAt, revokedAt } = invitation.snapshot();
    await this.em.nativeUpdate(InvitationSchema, { id }, { acceptedAt, revokedAt }, ACROSS_SCHOOLS);
  }
  async byId(id: InvitationId): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { id }, { disableIdentityMap: true });
    return row ? toInvitation(row) : null;
  }
  async byTokenHashAcrossSchools(tokenHash: string): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toInvitation(row) : null;
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? toInvitation(row) : null;
  }
  async list(): Promise<Invitation[]> {
    const rows = await this.em.find(InvitationSchema, {}, { orderBy: { createdAt: 'desc' }, limit: 500, disableIdentityMap: true });
    return rows.map(toInvitation);
  }
  async pendingForEmail(email: string): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { email, acceptedAt: null, revokedAt: null }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toInvitation(row) : null;
  }
}
