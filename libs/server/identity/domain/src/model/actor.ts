import { DomainError, type Actor } from '@cadenza/shared/kernel';
import type { Role } from './roles.js';

export function hasAnyRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasAnyRole(actor, ...roles)) {
    throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'You do not have permission to do this.');
  }
}
