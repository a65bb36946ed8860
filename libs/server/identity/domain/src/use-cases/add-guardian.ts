import { AuditTrail, DomainError, UnitOfWork, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { ChildAccess, Family } from '../model/family.js';
import type { AccessLevel } from '../model/roles.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { familyToChange } from './family-changes.js';

export interface AddGuardianInput {
  userId: UserId;
  /** Their access to every child of the family… */
  level: AccessLevel;
  /** …except where this says otherwise. */
  access?: readonly ChildAccess[];
}

/**
 * An admin links someone of the school as a guardian of a family, with `view` or `full` access per child. They become
 * a parent too if they were not (a teacher can be a guardian in one family). Linking someone twice is a conflict.
 */
export class AddGuardian {
  constructor(
    private readonly families: FamilyRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, familyId: FamilyId, input: AddGuardianInput): Promise<Family> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const family = await familyToChange(this.families, familyId);
      const person = await this.users.byId(input.userId);
      if (!person) throw DomainError.invalid('IDENTITY.UNKNOWN_PERSON', 'userId', 'No one of the school has this id.');
      if (person.archived) throw DomainError.invalid('IDENTITY.PERSON_ARCHIVED', 'userId', 'This person is archived; restore them first.');
      const before = family.snapshot();
      family.linkGuardian(person.id, input.level, input.access ?? []);
      if (!person.hasRole('parent')) {
        const roles = person.auditView()['roles'];
        person.addRole('parent');
        await this.users.update(person);
        await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.user.roles_changed', entityType: 'user', entityId: person.id, before: { roles }, after: { roles: [...person.roles] } });
      }
      await this.families.update(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.guardian_added', entityType: 'family', entityId: family.id, before, after: family.snapshot() });
      return family;
    });
  }
}
