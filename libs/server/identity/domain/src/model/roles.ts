import { DomainError } from '@cadenza/shared/kernel';

export const ROLES = ['admin', 'teacher', 'accompanist', 'student', 'parent'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['admin', 'teacher', 'accompanist'];

export type AccessLevel = 'view' | 'full';

export function assertRoles(roles: readonly string[]): asserts roles is Role[] {
  if (roles.length === 0) {
    throw DomainError.invalid('IDENTITY.ROLE_REQUIRED', 'roles', 'Choose at least one role.');
  }
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw DomainError.invalid('IDENTITY.UNKNOWN_ROLE', 'roles', `"${role}" is not a role.`);
    }
  }
}
