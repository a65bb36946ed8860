import { DomainError, type Actor } from '@cadenza/shared/kernel';

/** The roles scheduling knows (as identity's; contexts do not import each other). */
export type SchedulingRole = 'admin' | 'teacher' | 'accompanist' | 'student' | 'parent';

export function hasRole(actor: Actor, ...roles: SchedulingRole[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function isAdmin(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}

export function forbidden(message = 'You do not have permission to do this.'): DomainError {
  return new DomainError('SCHEDULING.FORBIDDEN', 'forbidden', message);
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden();
}

export function requireRole(actor: Actor, ...roles: SchedulingRole[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden();
}
