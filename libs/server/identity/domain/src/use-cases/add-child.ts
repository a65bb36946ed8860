import { AuditTrail, DomainError, UnitOfWork, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Family } from '../model/family.js';
import type { AccessLevel } from '../model/roles.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { familyToChange } from './family-changes.js';

/** Each guardian's access to a child joining a family: `full` for every guardian unless said otherwise. */
export interface JoiningAccess {
  guardianId: UserId;
  level: AccessLevel | 'none';
}

/** Gives the family's guardians their access to a child who just joined it. */
export function grantJoining(family: Family, childId: UserId, access: readonly JoiningAccess[] = []): void {
  access.forEach((a, index) => {
    if (!family.guardianIds.includes(a.guardianId)) {
      throw DomainError.invalid('IDENTITY.NOT_IN_FAMILY', `access.${index}.guardianId`, 'This person is not a guardian of the family.');
    }
  });
  for (const guardianId of family.guardianIds) {
    const level = access.find((a) => a.guardianId === guardianId)?.level ?? 'full';
    if (level !== 'none') family.grant(guardianId, childId, level);
  }
}

/** The student a family is to take: someone of the school with the student role, not archived. */
export async function joiningStudent(users: UserRepository, childId: UserId): Promise<void> {
  const child = await users.byId(childId);
  if (!child || !child.hasRole('student')) throw DomainError.invalid('IDENTITY.NOT_A_STUDENT', 'childId', 'Choose a student of the school.');
  if (child.archived) throw DomainError.invalid('IDENTITY.PERSON_ARCHIVED', 'childId', 'This student is archived; restore them first.');
}

/** An admin adds a student to a family as a child; its guardians get `full` access unless said otherwise. */
export class AddChild {
  constructor(
    private readonly families: FamilyRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, familyId: FamilyId, input: { childId: UserId; access?: readonly JoiningAccess[] }): Promise<Family> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const family = await familyToChange(this.families, familyId);
      await joiningStudent(this.users, input.childId);
      const before = family.snapshot();
      family.addNewChild(input.childId);
      grantJoining(family, input.childId, input.access);
      await this.families.update(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.child_added', entityType: 'family', entityId: family.id, before, after: family.snapshot() });
      return family;
    });
  }
}
