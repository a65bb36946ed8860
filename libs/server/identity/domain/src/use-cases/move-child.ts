import { AuditTrail, DomainError, UnitOfWork, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Family } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';
import { grantJoining, type JoiningAccess } from './add-child.js';
import { notFound } from './not-found.js';

/**
 * An admin moves a child from one family to another in one unit: the old family's guardians lose their access, the new
 * one's get `full` unless said otherwise.
 */
export class MoveChild {
  constructor(
    private readonly families: FamilyRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, fromId: FamilyId, childId: UserId, input: { toFamilyId: FamilyId; access?: readonly JoiningAccess[] }): Promise<{ from: Family; to: Family }> {
    requireRole(actor, 'admin');
    if (input.toFamilyId === fromId) {
      throw DomainError.invalid('IDENTITY.SAME_FAMILY', 'toFamilyId', 'Choose another family to move the child to.');
    }
    return this.uow.run(async () => {
      // Both families are held, taken in one order (by id) so two moves between them in opposite directions never deadlock.
      const held = new Map<FamilyId, Family | null>();
      for (const id of [fromId, input.toFamilyId].sort()) held.set(id, await this.families.forChange(id));
      const from = held.get(fromId);
      if (!from) throw notFound('The family');
      const to = held.get(input.toFamilyId);
      if (!to) throw DomainError.invalid('IDENTITY.UNKNOWN_FAMILY', 'toFamilyId', 'No family of the school has this id.');
      const before = { from: from.snapshot(), to: to.snapshot() };
      from.removeChild(childId);
      to.addNewChild(childId);
      grantJoining(to, childId, input.access);
      await this.families.update(from);
      await this.families.update(to);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.family.child_moved',
        entityType: 'user',
        entityId: childId,
        before,
        after: { from: from.snapshot(), to: to.snapshot() },
      });
      return { from, to };
    });
  }
}
