import { Injectable } from '@nestjs/common';
import { FamilyRepository, UserRepository } from '@cadenza/server/identity/domain';
import { MessagingDirectory, type MessagingPerson, type SafeguardingPolicy } from '@cadenza/server/messaging/domain';
import { MikroOrmMessagingPolicies } from '@cadenza/server/messaging/infra-mikro-orm';
import { Clock, type UserId } from '@cadenza/shared/kernel';

/**
 * What messaging needs to know about people, answered from the identity context (who is a
 * minor, who is the safeguarding lead, who are a student's guardians), and the school's
 * messaging policy, which messaging keeps itself.
 */
@Injectable()
export class IdentityMessagingDirectory extends MessagingDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly policies: MikroOrmMessagingPolicies,
    private readonly clock: Clock,
  ) {
    super();
  }

  async person(id: UserId): Promise<MessagingPerson | null> {
    const user = await this.users.byId(id);
    if (!user) return null;
    return { id: user.id, name: user.name, roles: [...user.roles], minor: user.isMinor(this.clock.now()), safeguardingLead: user.snapshot().safeguardingLead };
  }

  async guardiansOf(studentId: UserId): Promise<UserId[]> {
    const guardians = new Set<UserId>();
    for (const family of await this.families.ofChild(studentId)) for (const id of family.guardianIds) guardians.add(id);
    return [...guardians];
  }

  schoolPolicy(): Promise<SafeguardingPolicy> {
    return this.policies.current();
  }
}
