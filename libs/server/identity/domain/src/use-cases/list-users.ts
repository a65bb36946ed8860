import { type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';

export type PeopleStatus = 'active' | 'archived' | 'all';

/** The repository's `archived` filter for a status: active people by default. */
export function archivedFilter(status: PeopleStatus = 'active'): boolean | undefined {
  return status === 'all' ? undefined : status === 'archived';
}

export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  /** `status`: those at the school (the default), those archived, or all. */
  execute(actor: Actor, filter: { role?: string; status?: PeopleStatus }): Promise<User[]> {
    requireRole(actor, 'admin');
    return this.users.list({ role: filter.role, archived: archivedFilter(filter.status) });
  }
}
