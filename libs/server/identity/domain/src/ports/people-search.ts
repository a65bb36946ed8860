import type { Interval, UserId } from '@cadenza/shared/kernel';
import type { Role } from '../model/roles.js';

export type PeopleSort = 'name' | 'email' | 'dateOfBirth' | 'leftSchoolOn';

/** What the console's people list asks for: one page of the school's students or staff. */
export interface PeopleSearchQuery {
  kind: 'students' | 'staff';
  /** Part of a name or email, matched case-insensitively; null for everyone. */
  text: string | null;
  /** Only the students with a lesson (not cancelled) of this teacher within `teachingWindow`. */
  taughtBy: UserId | null;
  /** Part of an instrument's name (any case): students whose profile lists such an instrument, staff who teach one. */
  instrument: string | null;
  /** The lessons that say who teaches whom, for `taughtBy` and each student's `teachers`. */
  teachingWindow: Interval;
  /** `archived`: people with a leaving day; `active`: without one. */
  status: 'active' | 'archived' | 'all';
  /** Minors by `minorOn`: the people born after `adultsBornBy` (a `YYYY-MM-DD` day), and students without a date of birth. */
  minors: 'only' | 'none' | null;
  adultsBornBy: string;
  sort: PeopleSort;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface PersonListing {
  id: UserId;
  name: string;
  /** Null for someone without a sign-in of their own. */
  email: string | null;
  roles: Role[];
  dateOfBirth: string | null;
  leftSchoolOn: string | null;
  /** Students: the teachers of their lessons within the query's teaching window, by name. */
  teachers: { id: UserId; name: string }[];
}

/**
 * The school's people as a list to search, filter, sort and page. Who teaches whom is scheduling's
 * knowledge, so the app answers this port over both contexts' records.
 */
export abstract class PeopleSearch {
  /** The page asked for, sorted by the query's key then by id, and how many people match in all. */
  abstract search(query: PeopleSearchQuery): Promise<{ total: number; people: PersonListing[] }>;
}
