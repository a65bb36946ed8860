import { type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import type { AccessLevel } from '../model/roles.js';
import { FamilyRepository } from '../ports/index.js';

/**
 * Who may see a student: staff of the school, the student themself, and the
 * guardians of their families (any access level).
 */
export class StudentAccessPolicy {
  constructor(private readonly families: FamilyRepository) {}

  async levelFor(actor: Actor, studentId: UserId): Promise<AccessLevel | 'staff' | 'self' | null> {
    if (hasAnyRole(actor, 'admin')) {
      return 'staff';
    }
    if (actor.userId === studentId) {
      return 'self';
    }
    if (hasAnyRole(actor, 'teacher', 'accompanist')) {
      return 'staff';
    }
    let best: AccessLevel | null = null;
    for (const family of await this.families.ofChild(studentId)) {
      const level = family.accessOf(actor.userId, studentId);
      if (level === 'full' || (level === 'view' && best === null)) {
        best = level;
      }
    }
    return best;
  }
}
