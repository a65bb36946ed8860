import { AuditTrail, Clock, type Actor, type FamilyId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { ChildAccess, Family } from '../model/family.js';
import type { AccessLevel } from '../model/roles.js';
import { User } from '../model/user.js';
import { FamilyRepository, SchoolRepository, UserRepository } from '../ports/index.js';
import { existingFamily, familyToChange } from './family-changes.js';
import { InviteUser } from './invite-user.js';

export interface InviteGuardianInput {
  name: string;
  email: string;
  /** Their access to every child of the family… */
  level: AccessLevel;
  /** …except where this says otherwise. */
  access?: readonly ChildAccess[];
}

/**
 * An admin adds a guardian who is not yet anyone at the school: the person is recorded (a parent, with the email given
 * and no sign-in yet), linked to the family with their access per child, and sent the usual invitation (`InviteUser`,
 * with its limits), all in one unit of work. Accepting it gives this person their password; they then see the family.
 */
export class InviteGuardian {
  constructor(
    private readonly families: FamilyRepository,
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly invite: InviteUser,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, familyId: FamilyId, input: InviteGuardianInput): Promise<Family> {
    requireRole(actor, 'admin');
    // The family is asked for first, so an unknown one costs no invitation turn.
    await existingFamily(this.families, familyId);
    const school = (await this.schools.current()).snapshot();
    const person = User.create({ schoolId: actor.schoolId, email: input.email, name: input.name, roles: ['parent'], timeZone: school.timeZone, locale: school.locale }, this.clock.now());
    const result: { family?: Family } = {};
    await this.invite.execute(actor, { email: input.email, name: person.name, roles: ['parent'], userId: person.id }, async () => {
      const family = await familyToChange(this.families, familyId);
      const before = family.snapshot();
      family.linkGuardian(person.id, input.level, input.access ?? []);
      await this.users.add(person);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.user.created', entityType: 'user', entityId: person.id, after: person.auditView() });
      await this.families.update(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.guardian_added', entityType: 'family', entityId: family.id, before, after: family.snapshot() });
      result.family = family;
    });
    if (!result.family) throw new Error('The invitation was stored without its guardian.');
    return result.family;
  }
}
