import { schoolScoped } from '@cadenza/server/platform/db';

/**
 * The school's next invoice number, in one statement: the counter row is made at the first issue and incremented
 * after, and the row stays locked by the issuing transaction until it ends. A second issuer waits on the lock and
 * reads the committed number, so numbers are never repeated; a transaction that rolls back undoes its increment, so
 * there is no gap. The entity calls cannot say "insert or increment, and return the value" in one round trip.
 */
export const INVOICE_NUMBER_NEXT = schoolScoped<{ last_number: number }>(
  'billing_invoice_number_next',
  (school) => `insert into billing_invoice_counters as c (school_id, last_number) values (${school}, 1)
on conflict (school_id) do update set last_number = c.last_number + 1
returning c.last_number`,
);

/**
 * Claims a payment provider's event for the transaction applying it: a row the first time (returned), nothing when the
 * event was applied already. A second delivery racing the first waits on the row until the first commits, then finds it.
 */
export const PAYMENT_EVENT_CLAIM = schoolScoped<{ event_id: string }, [eventId: string, kind: string]>(
  'billing_payment_event_claim',
  (school) => `insert into billing_payment_events (event_id, school_id, kind) values ($2, ${school}, $3)
on conflict (event_id) do nothing
returning event_id`,
);
