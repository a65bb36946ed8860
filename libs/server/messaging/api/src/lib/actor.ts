import type { Principal } from '@cadenza/server/platform/http';
import type { Actor } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';

export const actorOf = (principal: Principal): Actor => ({
  userId: asId<UserId>(principal.userId),
  schoolId: asId<SchoolId>(principal.schoolId),
  roles: principal.roles,
});
