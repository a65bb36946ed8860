import type { Role } from './roles.js';

/** What an erased person is called instead of their name, by the role that best describes them to the school. */
export function formerLabel(roles: readonly Role[]): string {
  if (roles.includes('student')) return 'Former student';
  if (roles.includes('parent')) return 'Former parent';
  if (roles.includes('teacher')) return 'Former teacher';
  if (roles.includes('accompanist')) return 'Former accompanist';
  return 'Former staff member';
}

export function pseudonymFor(label: string, number: number): string {
  return `${label} ${number}`;
}

/** The address an erased person's email becomes: unique per person, and never deliverable (RFC 2606 `.invalid`). */
export function pseudonymEmailFor(personId: string): string {
  return `erased-${personId}@erased.invalid`;
}
