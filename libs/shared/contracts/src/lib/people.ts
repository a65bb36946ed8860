import { z } from 'zod';
import { Role } from './identity.js';

// ---- the people list (console) ----------------------------------------------------

export const PEOPLE_KINDS = ['students', 'staff'] as const;
export type PeopleKind = (typeof PEOPLE_KINDS)[number];
export const PEOPLE_STATUSES = ['active', 'archived', 'all'] as const;
export type PeopleStatus = (typeof PEOPLE_STATUSES)[number];
export const PEOPLE_SORTS = ['name', 'email', 'dateOfBirth', 'leftSchoolOn'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

const uuid = z.uuid({ message: 'Must be a UUID.' });
const id = z.string().meta({ format: 'uuid' });

/**
 * One page of the school's students or staff. `q` finds people whose name or email holds it; `teacherId` keeps the
 * students with a lesson of that teacher from 180 days back to 180 days ahead (a teacher always gets their own);
 * `instrument` keeps the students whose profile lists an instrument holding it (any case), or the staff who
 * teach one; `status` is whether they left (`archived`: a leaving day is set); `minors` keeps (`only`) or drops (`none`) the
 * people under 18 in the school's time zone. Sorted by `sort` then id; `offset` and `limit` page it, and the answer's
 * `total` counts every match.
 */
export const PeopleQuery = z.strictObject({
  kind: z.enum(PEOPLE_KINDS).default('students'),
  q: z.string().trim().max(120, 'Use at most 120 characters.').optional(),
  teacherId: uuid.optional(),
  instrument: z.string().trim().max(60, 'Use at most 60 characters.').optional(),
  status: z.enum(PEOPLE_STATUSES).default('active'),
  minors: z.enum(['only', 'none']).optional(),
  sort: z.enum(PEOPLE_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number({ message: 'Must be a whole number.' }).int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number({ message: 'Must be a whole number.' }).int().min(1).max(200).default(25),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;
/** The query as a client writes it: every field optional. */
export type PeopleQueryInput = z.input<typeof PeopleQuery>;

const personExample = {
  id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Sam Student',
  email: 'sam@family.example',
  roles: ['student' as const],
  dateOfBirth: '2014-03-02',
  minor: true,
  leftSchoolOn: null,
  teachers: [{ id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', name: 'Tess Teacher' }],
};

export const PersonRow = z
  .object({
    id,
    name: z.string(),
    /** Null for someone without a sign-in of their own (a student the school recorded). */
    email: z.string().nullable(),
    roles: z.array(Role),
    dateOfBirth: z.string().nullable(),
    minor: z.boolean(),
    leftSchoolOn: z.string().nullable(),
    /** Students: who teaches them (lessons from 180 days back to 180 days ahead), by name. */
    teachers: z.array(z.object({ id, name: z.string() })),
  })
  .meta({ id: 'PersonRow', example: personExample });
export type PersonRow = z.infer<typeof PersonRow>;

export const PeoplePage = z
  .object({ total: z.number().int(), items: z.array(PersonRow) })
  .meta({
    id: 'PeoplePage',
    example: { total: 1, items: [personExample] },
  });
export type PeoplePage = z.infer<typeof PeoplePage>;
