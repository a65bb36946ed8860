import { DomainError, type Actor } from '@cadenza/shared/kernel';

export function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin')) throw new DomainError('ONBOARDING.FORBIDDEN', 'forbidden', 'Only an admin imports records.');
}
