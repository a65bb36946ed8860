import { type FamilyId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { Family } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

export class GetFamily {
  constructor(private readonly families: FamilyRepository) {}

  async execute(actor: Actor, id: FamilyId): Promise<Family> {
    const family = await this.families.byId(id);
    if (!family || (!hasAnyRole(actor, 'admin') && !family.guardianIds.includes(actor.userId) && !family.childIds.includes(actor.userId))) {
      throw notFound('The family');
    }
    return family;
  }
}
