import { acrossSchools } from './school-scoped.js';

/**
 * The outbox's hand-shaped statements. The outbox is read by background loops for every school at once, and each
 * event then goes on in its own school (`enterSchool`), so these cross schools, and say why.
 */

export interface OutboxRow {
  id: string;
  school_id: string;
  type: string;
  payload: unknown;
  occurred_at: Date | string;
}

/**
 * A consumer's claim of its next batch (see `consumeOutbox`): its consumption rows first, then the events they claim.
 *
 * It looks only at events written by transactions from the consumer's horizon on (`outbox_consumer_horizons`), not at
 * the whole age window. Event order is not commit order: a transaction that began first (a lower `tx`, an earlier
 * `occurred_at`) may commit after later ones were claimed, so no "position reached" can be trusted by itself. The
 * horizon is instead the oldest transaction still running when a claim's snapshot was taken
 * (`pg_snapshot_xmin`): every transaction below it had ended, so each of its events was visible to that claim, and the
 * claim took every visible event it had not handled (it moves the horizon only when it found fewer than a batch, in
 * the same transaction, so a failed batch moves nothing). A transaction still running keeps the horizon below its id
 * until it ends, and the next claim sees its events. The `tx` range's upper end (the snapshot's `xmax`) changes no
 * result, as nothing at or above it is visible; it lets the planner, without statistics, see the range as narrow.
 * Each event is then looked up in the consumer's consumptions by primary key (the `offset 0` keeps that lookup a
 * probe per event: joined instead, on statistics taken while the table was small, it was read whole per event).
 */
const claim = <Params extends [consumer: string, handledAt: Date, since: Date, batch: number, ...types: string[]]>(name: string, ofTypes: string) =>
  acrossSchools<OutboxRow, Params>(
    name,
    `with horizon as (
       select coalesce((select h.horizon from outbox_consumer_horizons h where h.consumer = $1), '0'::xid8) as tx,
              pg_snapshot_xmin(pg_current_snapshot()) as ended_below,
              pg_snapshot_xmax(pg_current_snapshot()) as visible_below),
     candidates as (
       select o.id from outbox_events o
        where o.tx >= (select tx from horizon) and o.tx < (select visible_below from horizon)
          and o.occurred_at >= $3${ofTypes}
          and not exists (select 1 from outbox_consumptions c where c.consumer = $1 and c.event_id = o.id offset 0)
        order by o.occurred_at, o.id limit $4),
     claimed as (
       insert into outbox_consumptions (consumer, event_id, handled_at)
       select $1, id, $2 from candidates
       on conflict do nothing
       returning event_id),
     advanced as (
       insert into outbox_consumer_horizons (consumer, horizon)
       select $1, ended_below from horizon where (select count(*) from candidates) < $4
       on conflict (consumer) do update set horizon = greatest(outbox_consumer_horizons.horizon, excluded.horizon))
     select o.id, o.school_id, o.type, o.payload, o.occurred_at from outbox_events o join claimed c on c.event_id = o.id
      order by o.occurred_at, o.id`,
    'a consumer handles every school’s events, each batch school by school with that school in force',
  );

/** A consumer's claim of its next batch, of events of every type. */
export const OUTBOX_CLAIM = claim<[consumer: string, handledAt: Date, since: Date, batch: number]>('outbox_claim', '');

/** As `OUTBOX_CLAIM`, of events of these types only (a consumer that handles few types leaves the rest alone). */
export const OUTBOX_CLAIM_OF_TYPES = claim<[consumer: string, handledAt: Date, since: Date, batch: number, types: string]>(
  'outbox_claim_of_types',
  ' and o.type = any($5::text[])',
);

/** The socket relay's next batch, marked published as it is read (see `OutboxRelay`). */
export const OUTBOX_RELAY_BATCH = acrossSchools<OutboxRow, [batch: number, publishedAt: Date]>(
  'outbox_relay_batch',
  `with next as (
     select id from outbox_events where published_at is null
      order by occurred_at, id limit $1 for update skip locked)
   update outbox_events o set published_at = $2 from next where o.id = next.id
   returning o.id, o.school_id, o.type, o.payload, o.occurred_at`,
  'the relay pushes every school’s events, each batch school by school with that school in force',
);

/** Whether any event is still to be relayed, in any school (the api's first start waits for the demo's). */
export const OUTBOX_PENDING = acrossSchools<{ pending: boolean }>(
  'outbox_pending',
  'select exists (select 1 from outbox_events where published_at is null) as pending',
  'the first start waits until the whole outbox is relayed, whichever school it belongs to',
);
