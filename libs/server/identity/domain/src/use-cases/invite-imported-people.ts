import { Clock, DomainError, isDomainError, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { ImportedPeople } from '../ports/imported-people.js';
import { InvitationRepository, UserRepository } from '../ports/index.js';
import { InviteUser } from './invite-user.js';

export interface ImportInvitationsOutcome {
  /** The people the import created who are still at the school. */
  people: number;
  /** Invitations sent by this action. */
  sent: number;
  /** People with an invitation still open (sent by an earlier press, or one by one): not sent again. */
  alreadyInvited: number;
  /** People who sign in already, or have no email to invite (a child recorded without one). */
  notInvitable: number;
  /** People left to invite once the invitations' limit gives another turn, and in how many seconds (null: none left). */
  waiting: number;
  retryAfterSeconds: number | null;
}

/**
 * An admin invites, in one action, the people an import created who have an email and no sign-in yet: each gets the
 * usual invitation through `InviteUser`, under its limits (per admin 30 at once, then one every 20 seconds). Whoever
 * has an invitation still open is not sent another, so pressing again sends only to those the limit held back, and
 * nothing twice, even when two admins (or two tabs) press at once: the check is made again in each invitation's unit of
 * work, and one email's open invitation is unique in the store, so of two racing presses one sends and the other counts
 * the person as already invited. Once the limit is reached the rest wait: the answer says how many and when to press again. A run that
 * created nobody (or another school's) is not found.
 */
export class InviteImportedPeople {
  constructor(
    private readonly imported: ImportedPeople,
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly invite: InviteUser,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, runId: string): Promise<ImportInvitationsOutcome> {
    requireRole(actor, 'admin');
    const created = await this.imported.of(runId);
    if (created.length === 0) throw DomainError.notFound('IDENTITY.IMPORT_NOT_FOUND', 'An import that created anyone with this run id');
    const people = (await this.users.byIds(created)).filter((u) => !u.archived);
    const outcome: ImportInvitationsOutcome = { people: people.length, sent: 0, alreadyInvited: 0, notInvitable: 0, waiting: 0, retryAfterSeconds: null };
    for (const person of people) {
      if (person.email === null || person.signsIn) {
        outcome.notInvitable += 1;
      } else if (outcome.retryAfterSeconds !== null) {
        outcome.waiting += 1;
      } else if (await this.invitations.pendingForEmail(person.email, this.clock.now())) {
        outcome.alreadyInvited += 1;
      } else {
        try {
          // Checked again in the invitation's unit of work: a press racing this one may have invited them since.
          if (await this.invite.executeUnlessOpen(actor, { email: person.email, name: person.name, roles: person.roles, userId: person.id })) outcome.sent += 1;
          else outcome.alreadyInvited += 1;
        } catch (error) {
          if (!isDomainError(error) || error.kind !== 'rate_limited') throw error;
          outcome.waiting += 1;
          outcome.retryAfterSeconds = Number(error.details['retryAfterSeconds'] ?? 1);
        }
      }
    }
    return outcome;
  }
}
