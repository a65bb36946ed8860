import { acrossSchools, schoolScoped } from '@cadenza/server/platform/db';

/**
 * The audit adapter's hand-shaped statements, each named here and nowhere else; every other read and write of the
 * trail is an entity call.
 */

/**
 * The events of the school about a person, by them, or whose recorded values hold one of their identifiers (the
 * `ilike` patterns in `$3`): a search inside JSON documents, which the ORM has no call for.
 */
export const AUDIT_EVENTS_CONCERNING = schoolScoped<{ id: string }, [personId: string, patterns: string]>(
  'audit_events_concerning',
  (school) => `select id from audit_events
    where school_id = ${school}
      and (entity_id = $2::text or actor_id = $2::uuid or before::text ilike any($3::text[]) or after::text ilike any($3::text[]))
    order by occurred_at, id`,
);

/**
 * Says, for the rest of this transaction only, that it is a person's erasure, which the trail's trigger lets replace
 * what events hold about them (a setting, which the ORM has no call for). The erasure's step is its own transaction.
 */
export const BEGIN_AUDIT_ERASURE = acrossSchools(
  'audit_personal_data_erasure_begin',
  `select set_config('cadenza.personal_data_erasure', 'on', true)`,
  'a setting of the transaction, which reads and writes no table',
);
