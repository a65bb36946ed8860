import { DomainError, type Actor } from '@cadenza/shared/kernel';

/** The roles billing knows (as identity's; contexts do not import each other). */
export type BillingRole = 'admin' | 'teacher' | 'accompanist' | 'student' | 'parent';

export function hasRole(actor: Actor, ...roles: BillingRole[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function forbidden(message = 'You do not have permission to do this.', code = 'BILLING.FORBIDDEN'): DomainError {
  return new DomainError(code, 'forbidden', message);
}

export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden();
}
