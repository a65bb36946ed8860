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

/** `count` numbers at once, as `INVOICE_NUMBER_NEXT` takes one: the last of them returned, the row held to the end of the transaction. */
export const INVOICE_NUMBERS_TAKE = schoolScoped<{ last_number: number }, [count: number]>(
  'billing_invoice_numbers_take',
  (school) => `insert into billing_invoice_counters as c (school_id, last_number) values (${school}, $2::int)
on conflict (school_id) do update set last_number = c.last_number + $2::int
returning c.last_number`,
);

/** The run for its period, unless the school has one: a racing insert waits for the other's transaction and then inserts nothing. */
export const BILLING_RUN_CREATE = schoolScoped<{ id: string }, [id: string, from: string, to: string, startedAt: Date, startedBy: string | null]>(
  'billing_run_create',
  (school) => `insert into billing_runs (id, school_id, period_from, period_to, started_at, started_by) values ($2, ${school}, $3::date, $4::date, $5, $6)
on conflict (school_id, period_from) do nothing
returning id`,
);

/** The run's counts once its batches are written. */
export const BILLING_RUN_COUNTS = schoolScoped<unknown, [id: string, accounts: number, batches: number]>(
  'billing_run_counts',
  (school) => `update billing_runs set accounts = $3, batches = $4 where id = $2 and school_id = ${school}`,
);

export interface RunProgressRow {
  id: string;
  period_from: string;
  period_to: string;
  started_at: Date;
  started_by: string | null;
  accounts: number;
  batches: number;
  batches_done: number;
  accounts_done: number;
  invoices: number;
}

/** Runs with how far each has got (batches done, their accounts and invoices), newest period first; one by id or period, or all. */
export const BILLING_RUN_PROGRESS = schoolScoped<RunProgressRow, [id: string | null, from: string | null]>(
  'billing_run_progress',
  (school) => `select r.id, to_char(r.period_from, 'YYYY-MM-DD') as period_from, to_char(r.period_to, 'YYYY-MM-DD') as period_to, r.started_at, r.started_by, r.accounts, r.batches,
       count(b.batch) filter (where b.done_at is not null)::int as batches_done,
       coalesce(sum(cardinality(b.account_ids)) filter (where b.done_at is not null), 0)::int as accounts_done,
       coalesce(sum(b.invoices), 0)::int as invoices
  from billing_runs r
  left join billing_run_batches b on b.run_id = r.id and b.school_id = ${school}
 where r.school_id = ${school} and ($2::uuid is null or r.id = $2::uuid) and ($3::date is null or r.period_from = $3::date)
 group by r.id
 order by r.period_from desc`,
);

/** What the accounts' invoices that are not void charged and credited, summed by lesson: the run's ledger (the accounts as a `uuid[]` literal). */
export const BILLING_LESSON_LEDGERS = schoolScoped<{ account_id: string; kind: 'lesson' | 'credit'; source_id: string; amount: number; currency: string }, [accountIds: string]>(
  'billing_lesson_ledgers',
  (school) => `select i.account_id, l.kind, l.source_id, sum(l.amount_minor)::int as amount, l.currency
  from billing_invoice_lines l
  join billing_invoices i on i.id = l.invoice_id and i.school_id = ${school}
 where l.school_id = ${school} and i.account_id = any($2::uuid[]) and i.status <> 'void' and l.kind in ('lesson', 'credit')
 group by i.account_id, l.kind, l.source_id, l.currency`,
);
