import { AuditTrail, Clock, DomainError, RateLimiter, UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import { InvitationRepository, PasswordHasher, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';
import { checkLinkThenHash, type PasswordFromLink } from './link-attempts.js';

const NOT_FOUND = () => new DomainError('IDENTITY.INVITATION_NOT_FOUND', 'not_found', 'This invitation link is not valid.');

/**
 * The invitee sets a password: the account exists from now on, its email verified by the link. An invitation naming
 * someone the school already records (a student without a sign-in) gives that record its email and password.
 * The link's token is checked before the password is hashed, after a turn per address.
 */
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
    private readonly limiter: RateLimiter,
  ) {}

  async execute(input: PasswordFromLink): Promise<User> {
    const { now, tokenHash, hash } = await checkLinkThenHash({ clock: this.clock, limiter: this.limiter, secrets: this.secrets, hasher: this.hasher }, input, async (digest, at) => {
      const found = await this.invitations.byTokenHashAcrossSchools(digest);
      if (!found) throw NOT_FOUND();
      found.assertAcceptable(at);
    });
    return this.uow.run(async () => {
      const invitation = await this.invitations.byTokenHashForUpdateAcrossSchools(tokenHash);
      if (!invitation) throw NOT_FOUND();
      invitation.accept(now);
      const school = await this.schools.byIdAcrossSchools(invitation.schoolId);
      if (!school) throw NOT_FOUND();
      const user = invitation.userId ? await this.existing(invitation.userId) : User.create(
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
      await this.invitations.update(invitation);
      if (invitation.userId) {
        user.attachSignIn(invitation.email, hash, now);
        await this.users.update(user);
      } else {
        user.setPassword(hash, now, true);
        await this.users.add(user);
      }
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

  /** The person an invitation names, recorded by the school before they could sign in. */
  private async existing(userId: UserId): Promise<User> {
    const user = await this.users.byIdAcrossSchools(userId);
    if (!user) throw NOT_FOUND();
    return user;
  }
}
