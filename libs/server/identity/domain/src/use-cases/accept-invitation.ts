import { AuditTrail, Clock, DomainError, UnitOfWork } from '@cadenza/shared/kernel';
import { assertAcceptablePassword } from '../model/password-policy.js';
import { User } from '../model/user.js';
import { InvitationRepository, PasswordHasher, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

/** The invitee sets a password: the account exists from now on, its email verified by the link. */
export class AcceptInvitation {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly hasher: PasswordHasher,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { token: string; password: string }): Promise<User> {
    assertAcceptablePassword(input.password);
    const hash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    return this.uow.run(async () => {
      const invitation = await this.invitations.byTokenHashAcrossSchools(this.secrets.digest(input.token));
      if (!invitation) {
        throw new DomainError('IDENTITY.INVITATION_NOT_FOUND', 'not_found', 'This invitation link is not valid.');
      }
      invitation.accept(now);
      const school = await this.schools.byIdAcrossSchools(invitation.schoolId);
      if (!school) {
        throw new DomainError('IDENTITY.INVITATION_NOT_FOUND', 'not_found', 'This invitation link is not valid.');
      }
      const user = User.create(
        {
          schoolId: invitation.schoolId,
          email: invitation.email,
          name: invitation.name,
          roles: [...invitation.roles],
          timeZone: school.timeZone,
          locale: school.snapshot().locale,
        },
        now,
      );
      user.setPassword(hash, now, true);
      await this.invitations.update(invitation);
      await this.users.add(user);
      await this.audit.record({
        schoolId: invitation.schoolId,
        actorId: user.id,
        action: 'identity.invitation.accepted',
        entityType: 'user',
        entityId: user.id,
        after: user.auditView(),
      });
      return user;
    });
  }
}
