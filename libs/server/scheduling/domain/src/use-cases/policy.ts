import { AuditTrail, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { SchedulingPolicy } from '../model/scheduling-policy.js';
import { SchedulingPolicyRepository } from '../ports/index.js';

export async function loadPolicy(policies: SchedulingPolicyRepository, actor: Pick<Actor, 'schoolId'>): Promise<SchedulingPolicy> {
  return (await policies.get()) ?? SchedulingPolicy.defaults(actor.schoolId);
}

/** Everyone may read the policy: families see it before cancelling. */
export class GetSchedulingPolicy {
  constructor(private readonly policies: SchedulingPolicyRepository) {}

  async execute(actor: Actor): Promise<SchedulingPolicy> {
    return loadPolicy(this.policies, actor);
  }
}

export class UpdateSchedulingPolicy {
  constructor(
    private readonly policies: SchedulingPolicyRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { cancellationNoticeHours?: number; makeupCreditDays?: number }): Promise<SchedulingPolicy> {
    requireAdmin(actor);
    const policy = await loadPolicy(this.policies, actor);
    const before = policy.snapshot();
    policy.update(input);
    await this.uow.run(async () => {
      await this.policies.save(policy);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.policy.updated', entityType: 'scheduling_policy', entityId: null, before, after: policy.snapshot() });
    });
    return policy;
  }
}
