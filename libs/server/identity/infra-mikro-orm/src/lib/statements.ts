import { schoolScoped } from '@cadenza/server/platform/db';

/**
 * Identity's hand-shaped statements, each named here and nowhere else, each bound to the school in force (`$1`,
 * see `schoolScoped`); every other read and write of identity is an entity call.
 */

/** Each child's guardians, for many children (a `uuid[]` literal) in one read: the realtime relay asks it for every batch of lesson events. */
export const GUARDIANS_OF_CHILDREN = schoolScoped<{ child_id: string; guardian_id: string }, [childIds: string]>(
  'identity_guardians_of_children',
  (school) => `select distinct child_id, guardian_id from guardian_access where school_id = ${school} and child_id = any($2::uuid[]) order by child_id, guardian_id`,
);
