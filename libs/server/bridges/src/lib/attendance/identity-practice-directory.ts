import { Injectable } from '@nestjs/common';
import { dateIn, PracticeDirectory, type GuardianLink } from '@cadenza/server/attendance/domain';
import { FamilyRepository, SchoolRepository, UserRepository } from '@cadenza/server/identity/domain';
import { Clock, type UserId } from '@cadenza/shared/kernel';

/**
 * What attendance's practice and progress need from the people's context, answered by identity's repositories (the
 * school in force): the school's zone, a guardian's access to a child and whether the child is a minor on the
 * school's date (identity's one rule, `minorOn`), and names.
 */
@Injectable()
export class IdentityPracticeDirectory extends PracticeDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly families: FamilyRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }

  async guardianAccess(parentId: UserId, studentId: UserId): Promise<GuardianLink | null> {
    return (await this.links(parentId)).find((l) => l.studentId === studentId) ?? null;
  }

  childrenOf(parentId: UserId): Promise<GuardianLink[]> {
    return this.links(parentId);
  }

  async isStudent(id: UserId): Promise<boolean> {
    return (await this.users.byId(id))?.roles.includes('student') ?? false;
  }

  async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.users.byIds([...new Set(ids)])).map((u) => [u.id, u.name]));
  }

  /** The parent's children with their best access over every family they share. */
  private async links(parentId: UserId): Promise<GuardianLink[]> {
    const access = new Map<UserId, 'view' | 'full'>();
    for (const family of await this.families.ofGuardian(parentId)) {
      for (const child of family.childIds) {
        const level = family.accessOf(parentId, child);
        if (level && access.get(child) !== 'full') access.set(child, level);
      }
    }
    if (access.size === 0) return [];
    const today = dateIn(this.clock.now(), await this.timeZone());
    const children = await this.users.byIds([...access.keys()]);
    return children.map((child) => ({ studentId: child.id, access: access.get(child.id) ?? 'view', minor: child.isMinorOn(today) }));
  }
}
