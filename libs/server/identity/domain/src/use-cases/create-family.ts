import { AuditTrail, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { Family } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';

/** An admin creates an empty family by name; guardians and children are added to it next. */
export class CreateFamily {
  constructor(
    private readonly families: FamilyRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string }): Promise<Family> {
    requireRole(actor, 'admin');
    const family = Family.create(actor.schoolId, input.name);
    return this.uow.run(async () => {
      await this.families.add(family);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.family.created', entityType: 'family', entityId: family.id, after: family.snapshot() });
      return family;
    });
  }
}
