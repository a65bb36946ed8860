import { asId, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { Principal } from './request-context.js';

/** The use cases' `Actor` for the principal the access guard authenticated. */
export function actorOf(principal: Principal): Actor {
  return { userId: asId<UserId>(principal.userId), schoolId: asId<SchoolId>(principal.schoolId), roles: principal.roles };
}
