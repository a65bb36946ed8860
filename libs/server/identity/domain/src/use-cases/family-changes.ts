import { type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { Family } from '../model/family.js';
import type { User } from '../model/user.js';
import { FamilyRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** The family an admin changes, read inside the unit of work. */
export async function familyToChange(families: FamilyRepository, id: FamilyId): Promise<Family> {
  const family = await families.byId(id);
  if (!family) throw notFound('The family');
  return family;
}

/**
 * The family's children who count as minors on `now` for the guardians' rule: under 18, or with no date of birth
 * recorded (as safeguarding counts them).
 */
export async function minorsOf(users: UserRepository, family: Family, now: Date): Promise<Set<UserId>> {
  const children = await users.byIds(family.childIds);
  return new Set(children.filter((c: User) => !c.dateOfBirth || c.isMinor(now)).map((c) => c.id));
}
