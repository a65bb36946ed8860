import type { Actor, Role } from '@cadenza/server/identity/domain';
import type { Principal } from '@cadenza/server/platform/http';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';

/** The use cases' `Actor` from the principal the guard authenticated. */
export function actorOf(principal: Principal): Actor {
  return {
    userId: asId<UserId>(principal.userId),
    schoolId: asId<SchoolId>(principal.schoolId),
    roles: principal.roles as Role[],
    safeguardingLead: principal.safeguardingLead,
  };
}
