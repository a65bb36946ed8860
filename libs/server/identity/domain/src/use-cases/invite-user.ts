import { AuditTrail, Clock, DomainError, MINUTE, RateLimiter, UnitOfWork, isDomainError, rateLimited, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { Invitation } from '../model/invitation.js';
import { STAFF_ROLES } from '../model/roles.js';
import { IdentityMailer, InvitationRepository, LinkBuilder, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

/**
 * How often invitations may go out, as each one is a mail: an admin sends 30 at once (a class starting), then one every
 * 20 seconds; one address gets 3 at once (a typo fixed, a lost mail), then one every 10 minutes.
 */
export const INVITATIONS_PER_ADMIN = { burst: 30, everyMs: MINUTE / 3 } as const;
export const INVITATIONS_PER_ADDRESS = { burst: 3, everyMs: 10 * MINUTE } as const;

/**
 * An admin invites someone by email with one or more roles; the link expires after the school's TTL. Past the limits
 * above the invitation is refused with 429 and `Retry-After`, and nothing is written or mailed.
 */
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
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * With `userId`, the invitation gives someone the school already records (a student without a sign-in, a guardian
   * just added) their sign-in; the email may be theirs already, no one else's. `alongside` runs in the invitation's
   * unit of work before it is stored (recording the person it names), so both are written or neither.
   */
  async execute(
    actor: Actor,
    input: { email: string; name: string; roles: readonly string[]; userId?: UserId },
    alongside?: () => Promise<void>,
  ): Promise<Invitation> {
    const sent = await this.send(actor, input, { alongside, unlessOpen: false });
    if (!sent) throw new Error('An invitation replacing the open one was not sent');
    return sent;
  }

  /**
   * For invitations sent in bulk: nothing is sent (null) when the person has an invitation open that has not expired,
   * whether an earlier press sent it or a concurrent one has just committed it (the open invitation's unique key
   * decides between racing presses), so two presses at once never mail one person twice. The turn taken from the
   * limits is given back then.
   */
  async executeUnlessOpen(actor: Actor, input: { email: string; name: string; roles: readonly string[]; userId?: UserId }): Promise<Invitation | null> {
    return this.send(actor, input, { unlessOpen: true });
  }

  private async send(
    actor: Actor,
    input: { email: string; name: string; roles: readonly string[]; userId?: UserId },
    options: { alongside?: () => Promise<void>; unlessOpen: boolean },
  ): Promise<Invitation | null> {
    requireRole(actor, 'admin');
    const now = this.clock.now();
    const token = this.secrets.generate();
    const school = await this.schools.current();
    const invitation = Invitation.issue(
      { ...input, roles: [...input.roles], schoolId: actor.schoolId, invitedBy: actor.userId, tokenHash: this.secrets.digest(token), ttlDays: school.invitationTtlDays },
      now,
    );
    const limits = [
      { key: `identity.invitation.by:${actor.userId}`, ...INVITATIONS_PER_ADMIN },
      { key: `identity.invitation.to:${invitation.email.toLowerCase()}`, ...INVITATIONS_PER_ADDRESS },
    ];
    const turn = await this.limiter.take(limits, now);
    if (!turn.granted) throw rateLimited('IDENTITY.TOO_MANY_INVITATIONS', 'Several invitations went out just now; wait a moment before sending the next.', turn.retryAfterMs);
    try {
      const stored = await this.store(actor, invitation, now, options);
      if (!stored) {
        await this.limiter.giveBack(limits, now);
        return null;
      }
    } catch (error) {
      if (!options.unlessOpen || !isDomainError(error) || error.code !== 'IDENTITY.INVITATION_OPEN') throw error;
      await this.limiter.giveBack(limits, now);
      return null;
    }
    const forStaff = invitation.roles.some((r) => STAFF_ROLES.includes(r));
    await this.mailer.sendInvitation({ email: invitation.email, name: invitation.name }, { name: school.name }, this.links.invitation(token, forStaff), invitation.expiresAt);
    return invitation;
  }

  /** Writes the invitation (revoking an earlier open one, unless that one stays); false when it stays. */
  private async store(actor: Actor, invitation: Invitation, now: Date, options: { alongside?: () => Promise<void>; unlessOpen: boolean }): Promise<boolean> {
    const { alongside } = options;
    return this.uow.run(async () => {
      const holder = await this.users.byEmailAcrossSchools(invitation.email);
      if (holder && holder.id !== invitation.userId) {
        throw new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
          fields: [{ field: 'email', message: 'This email already has an account.' }],
        });
      }
      await alongside?.();
      const earlier = await this.invitations.pendingForEmail(invitation.email, now);
      if (earlier && options.unlessOpen && earlier.expiresAt.getTime() > now.getTime()) return false;
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
        after: { email: invitation.email, roles: invitation.roles, expiresAt: invitation.expiresAt, ...(invitation.userId ? { userId: invitation.userId } : {}) },
      });
      return true;
    });
  }
}
