import { AuditTrail, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { forbidden } from '../model/actor.js';
import { revisePolicy, type MessagingPolicy, type MessagingPolicyPatch } from '../model/policy.js';
import { MessagingPolicies } from '../ports/index.js';
import type { ReapplySafeguarding } from './reapply-safeguarding.js';

/** Any member of the school may read its messaging policy: it says what happens to what they write. */
export class GetMessagingPolicy {
  constructor(private readonly policies: MessagingPolicies) {}

  execute(_actor: Actor): Promise<MessagingPolicy> {
    return this.policies.current();
  }
}

/**
 * An admin changes the school's messaging policy; the change is audited with the before and after. A changed mode
 * for minors applies at once to the threads that exist, in the same transaction (`ReapplySafeguarding`).
 */
export class UpdateMessagingPolicy {
  constructor(
    private readonly policies: MessagingPolicies,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly safeguarding: ReapplySafeguarding,
  ) {}

  async execute(actor: Actor, patch: MessagingPolicyPatch): Promise<MessagingPolicy> {
    if (!actor.roles.includes('admin')) throw forbidden('Only an admin can change the messaging policy.');
    return this.uow.run(async () => {
      const before = await this.policies.current();
      const after = revisePolicy(before, patch);
      await this.policies.save(after);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.policy.updated',
        entityType: 'messaging_policy',
        entityId: actor.schoolId,
        before,
        after,
      });
      if (after.minorThreads !== before.minorThreads) await this.safeguarding.forSchool({ schoolId: actor.schoolId, actorId: actor.userId }, after);
      return after;
    });
  }
}
