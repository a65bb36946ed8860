import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { Invitation } from '../model/invitation.js';
import { STAFF_ROLES } from '../model/roles.js';
import { IdentityMailer, InvitationRepository, LinkBuilder, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

/** An admin invites someone by email with one or more roles; the link expires after the school's TTL. */
export class InviteUser {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly secrets: SecretTokens,
    private readonly mailer: IdentityMailer,
    private readonly links: LinkBuilder,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { email: string; name: string; roles: string[] }): Promise<Invitation> {
    requireRole(actor, 'admin');
    const now = this.clock.now();
    const token = this.secrets.generate();
    const school = await this.schools.current();
    const invitation = Invitation.issue(
      { ...input, schoolId: actor.schoolId, invitedBy: actor.userId, tokenHash: this.secrets.digest(token), ttlDays: school.invitationTtlDays },
      now,
    );
    await this.uow.run(async () => {
      if (await this.users.emailTaken(invitation.email)) {
        throw new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
          fields: [{ field: 'email', message: 'This email already has an account.' }],
        });
      }
      const earlier = await this.invitations.pendingForEmail(invitation.email, now);
      if (earlier) {
        earlier.revoke(now);
        await this.invitations.update(earlier);
      }
      await this.invitations.add(invitation);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.invitation.created',
        entityType: 'invitation',
        entityId: invitation.id,
        after: { email: invitation.email, roles: invitation.roles, expiresAt: invitation.expiresAt },
      });
    });
    const forStaff = invitation.roles.some((r) => STAFF_ROLES.includes(r));
    await this.mailer.sendInvitation({ email: invitation.email, name: invitation.name }, { name: school.name }, this.links.invitation(token, forStaff), invitation.expiresAt);
    return invitation;
  }
}
