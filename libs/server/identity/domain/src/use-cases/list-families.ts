import { type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { Family } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';

export class ListFamilies {
  constructor(private readonly families: FamilyRepository) {}

  /** Admins: every family of the school; a parent: the families they are a guardian in; anyone else: none. */
  async execute(actor: Actor): Promise<Family[]> {
    if (hasAnyRole(actor, 'admin')) {
      return this.families.list();
    }
    if (hasAnyRole(actor, 'parent')) {
      return this.families.ofGuardian(actor.userId);
    }
    return [];
  }
}
