import { type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { User } from '../model/user.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';

export class ListStudents {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
  ) {}

  async execute(actor: Actor): Promise<User[]> {
    if (hasAnyRole(actor, 'admin', 'teacher', 'accompanist')) {
      return this.users.list({ role: 'student' });
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
