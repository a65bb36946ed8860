import { AuditTrail, UnitOfWork, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Family } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';
import { familyToChange } from './family-changes.js';

/** An admin renames a family or marks which of its guardians pays (billing reads it). */
export class UpdateFamily {
  constructor(
    private readonly families: FamilyRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, id: FamilyId, patch: { name?: string; payerId?: UserId | null }): Promise<Family> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const family = await familyToChange(this.families, id);
      const before = family.snapshot();
      if (patch.name !== undefined) family.rename(patch.name);
      if (patch.payerId !== undefined) family.setPayer(patch.payerId);
      await this.families.update(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.updated', entityType: 'family', entityId: family.id, before, after: family.snapshot() });
      return family;
    });
  }
}
