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

/** A consumer's claim of its next batch (see `consumeOutbox`): its consumption rows first, then the events they claim. */
export const OUTBOX_CLAIM = acrossSchools<OutboxRow, [consumer: string, handledAt: Date, since: Date, batch: number]>(
  'outbox_claim',
  `with claimed as (
     insert into outbox_consumptions (consumer, event_id, handled_at)
     select $1, o.id, $2 from outbox_events o
      where o.occurred_at >= $3
        and not exists (select 1 from outbox_consumptions c where c.consumer = $1 and c.event_id = o.id)
      order by o.occurred_at, o.id limit $4
     on conflict do nothing
     returning event_id)
   select o.id, o.school_id, o.type, o.payload, o.occurred_at from outbox_events o join claimed c on c.event_id = o.id
    order by o.occurred_at, o.id`,
  'a consumer handles every school’s events, each batch school by school with that school in force',
);

/** As `OUTBOX_CLAIM`, of events of these types only (a consumer that handles few types leaves the rest alone). */
export const OUTBOX_CLAIM_OF_TYPES = acrossSchools<OutboxRow, [consumer: string, handledAt: Date, since: Date, batch: number, types: string]>(
  'outbox_claim_of_types',
  `with claimed as (
     insert into outbox_consumptions (consumer, event_id, handled_at)
     select $1, o.id, $2 from outbox_events o
      where o.occurred_at >= $3 and o.type = any($5::text[])
        and not exists (select 1 from outbox_consumptions c where c.consumer = $1 and c.event_id = o.id)
      order by o.occurred_at, o.id limit $4
     on conflict do nothing
     returning event_id)
   select o.id, o.school_id, o.type, o.payload, o.occurred_at from outbox_events o join claimed c on c.event_id = o.id
    order by o.occurred_at, o.id`,
  'a consumer handles every school’s events, each batch school by school with that school in force',
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
