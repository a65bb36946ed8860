import { AuditTrail, UnitOfWork, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { ChildAccess, Family } from '../model/family.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { familyToChange, minorsOf } from './family-changes.js';
import { SchoolDay } from './school-day.js';

/** An admin changes a guardian's access per child (`view`, `full`, or `none`); a minor never loses their last `full` guardian. */
export class ChangeGuardianAccess {
  constructor(
    private readonly families: FamilyRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly day: SchoolDay,
  ) {}

  async execute(actor: Actor, familyId: FamilyId, guardianId: UserId, access: readonly ChildAccess[]): Promise<Family> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const family = await familyToChange(this.families, familyId);
      const before = family.snapshot();
      family.setAccess(guardianId, access, await minorsOf(this.users, family, await this.day.today()));
      await this.families.update(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.access_changed', entityType: 'family', entityId: family.id, before, after: family.snapshot() });
      return family;
    });
  }
}
