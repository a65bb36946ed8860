import { type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { User } from '../model/user.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { archivedFilter, type PeopleStatus } from './list-users.js';

export class ListStudents {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
  ) {}

  /** Staff see the school's students (those at the school by default; admins may ask for the archived or all); families their own. */
  async execute(actor: Actor, filter: { status?: PeopleStatus } = {}): Promise<User[]> {
    if (hasAnyRole(actor, 'admin')) {
      return this.users.list({ role: 'student', archived: archivedFilter(filter.status) });
    }
    if (hasAnyRole(actor, 'teacher', 'accompanist')) {
      return this.users.list({ role: 'student', archived: false });
    }
    const ids = new Set<UserId>();
    if (actor.roles.includes('student')) {
      ids.add(actor.userId);
    }
    for (const family of await this.families.ofGuardian(actor.userId)) {
      for (const child of family.childIds) {
        if (family.accessOf(actor.userId, child)) {
          ids.add(child);
        }
      }
    }
    return this.users.byIds([...ids]);
  }
}
