import { DomainError } from '@cadenza/shared/kernel';

/** The roles messaging knows (as identity's; contexts do not import each other). */
export type MessagingRole = 'admin' | 'teacher' | 'accompanist' | 'student' | 'parent';

const STAFF: readonly MessagingRole[] = ['admin', 'teacher', 'accompanist'];

export function isStaffRoles(roles: readonly string[]): boolean {
  return STAFF.some((role) => roles.includes(role));
}

export function forbidden(message = 'You do not have permission to do this.'): DomainError {
  return new DomainError('MESSAGING.FORBIDDEN', 'forbidden', message);
}
