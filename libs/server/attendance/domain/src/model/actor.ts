import { DomainError, type Actor } from '@cadenza/shared/kernel';

/** The roles attendance knows (as identity's; contexts do not import each other). */
export type AttendanceRole = 'admin' | 'teacher' | 'accompanist' | 'student' | 'parent';

export function hasRole(actor: Actor, ...roles: AttendanceRole[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function isAdmin(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}

export function forbidden(message = 'You do not have permission to do this.', code = 'ATTENDANCE.FORBIDDEN'): DomainError {
  return new DomainError(code, 'forbidden', message);
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden();
}
