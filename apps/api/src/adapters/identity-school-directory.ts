import { Injectable } from '@nestjs/common';
import { FamilyRepository, SchoolRepository, UserRepository } from '@cadenza/server/identity/domain';
import { SchoolDirectory, type DirectoryPerson } from '@cadenza/server/scheduling/domain';
import type { UserId } from '@cadenza/shared/kernel';

/**
 * What scheduling needs to know about people, answered from the identity context.
 * Contexts never import each other; the app, which knows both, joins them here.
 */
@Injectable()
export class IdentitySchoolDirectory extends SchoolDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
  ) {
    super();
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }

  async person(id: UserId): Promise<DirectoryPerson | null> {
    const user = await this.users.byId(id);
    return user ? { id: user.id, roles: [...user.roles], name: user.name } : null;
  }

  async people(ids: readonly UserId[]): Promise<DirectoryPerson[]> {
    if (ids.length === 0) return [];
    const users = await this.users.byIds([...new Set(ids)]);
    return users.map((user) => ({ id: user.id, roles: [...user.roles], name: user.name }));
  }

  async guardianAccess(parentId: UserId, studentId: UserId): Promise<'view' | 'full' | null> {
    let best: 'view' | 'full' | null = null;
    for (const family of await this.families.ofChild(studentId)) {
      const level = family.accessOf(parentId, studentId);
      if (level === 'full') return 'full';
      best ??= level;
    }
    return best;
  }

  async childrenOf(parentId: UserId): Promise<{ studentId: UserId; access: 'view' | 'full' }[]> {
    const children = new Map<UserId, 'view' | 'full'>();
    for (const family of await this.families.ofGuardian(parentId)) {
      for (const child of family.childIds) {
        const level = family.accessOf(parentId, child);
        if (level && children.get(child) !== 'full') children.set(child, level);
      }
    }
    return [...children].map(([studentId, access]) => ({ studentId, access }));
  }
}
