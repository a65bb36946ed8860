import { type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { Family } from '../model/family.js';
import type { User } from '../model/user.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/**
 * The family an admin changes, read inside the unit of work and held by it: a second change of the same family waits
 * for this one and reads what it wrote, so neither overwrites the other's.
 */
export async function familyToChange(families: FamilyRepository, id: FamilyId): Promise<Family> {
  const family = await families.forChange(id);
  if (!family) throw notFound('The family');
  return family;
}

/** The family, read without holding it (a check before a unit of work); a 404 when the school has none. */
export async function existingFamily(families: FamilyRepository, id: FamilyId): Promise<Family> {
  const family = await families.byId(id);
  if (!family) throw notFound('The family');
  return family;
}

/** The family's children who are minors on the school's day `today` for the guardians' rule (`minorOn`). */
export async function minorsOf(users: UserRepository, family: Family, today: string): Promise<Set<UserId>> {
  const children = await users.byIds(family.childIds);
  return new Set(children.filter((c: User) => c.isMinorOn(today)).map((c) => c.id));
}
