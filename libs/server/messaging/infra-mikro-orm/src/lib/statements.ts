import { acrossSchools, schoolScoped } from '@cadenza/server/platform/db';
import type { RawDelivery, RawMessage, RawThreadWithParticipants } from './rows.js';

/**
 * Messaging's hand-shaped statements (notifications' included), named in this one place, each with the reason an
 * entity call will not do; every other read and write of messaging and notifications goes through the entity
 * schemas in `entities.ts`. Each is held to the entity reads or to the repository calls it stands for by
 * `statements.integration.spec.ts`; the delivery log's claims and sends also by its contract suite
 * (`notifications.integration.spec.ts`). Each is bound to the school in force (`$1`, see `schoolScoped`), or says
 * why it is not (`acrossSchools`); their own parameters are `$2`… (`$1`… when across schools) in the order their
 * types list.
 */

/**
 * A post's writes in one round trip (message latency, docs/decisions/0005): the message, its first version,
 * the thread's counters, the author's receipt and the outbox events, while the thread's row lock is held.
 * Every row is written in the school in force, the events' too (a post's events are its school's).
 */
export const POST_MESSAGE = schoolScoped<
  never,
  [
    messageId: string,
    threadId: string,
    authorId: string,
    seq: number,
    sentAt: Date,
    versions: string,
    lastSeq: number,
    lastMessageAt: Date | null,
    updatedThreadId: string,
    receiptThreadId: string,
    readerId: string,
    lastReadSeq: number,
    readAt: Date,
    outbox: string,
  ]
>(
  'messaging_post_message',
  (school) => `with message as (
  insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values ($2, ${school}, $3, $4, $5, $6) returning id
), versions as (
  insert into message_versions (message_id, version, school_id, body, at)
  select m.id, v.version, ${school}, v.body, v.at from message m, jsonb_to_recordset($7::jsonb) as v(version integer, body text, at timestamptz)
), thread as (
  update message_threads set last_seq = $8, last_message_at = $9 where id = $10 and school_id = ${school}
), receipt as (
  insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values ($11, $12, ${school}, $13, $14)
  on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq, read_at = excluded.read_at
    where message_read_receipts.school_id = ${school}
)
insert into outbox_events (id, school_id, type, payload, occurred_at, published_at)
select e.id, ${school}, e.type, e.payload, e.occurred_at, null
  from jsonb_to_recordset($15::jsonb) as e(id uuid, type text, payload jsonb, occurred_at timestamptz)`,
);

/**
 * A thread's row with its participants' ids in order, in one statement; with `for update` (the locked variant) a post
 * reads its thread and takes the row lock in one round trip (message latency).
 */
const threadWithParticipants = (school: string) =>
  `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = ${school} order by p.position) as participant_ids
  from message_threads t where t.id = $2 and t.school_id = ${school}`;
export const THREAD_WITH_PARTICIPANTS = schoolScoped<RawThreadWithParticipants, [threadId: string]>('messaging_thread_with_participants', threadWithParticipants, {
  prepared: true,
});
export const THREAD_WITH_PARTICIPANTS_LOCKED = schoolScoped<RawThreadWithParticipants, [threadId: string]>(
  'messaging_thread_with_participants_locked',
  (school) => `${threadWithParticipants(school)} for update of t`,
);

/**
 * The school's messaging policy row, prepared: every post checks the safeguarding rule as it stands, and through the
 * entity manager this one-row read cost the api more CPU than the rest of the check.
 */
export const MESSAGING_POLICY = schoolScoped<{ minor_threads: string; retention_days: number; max_attachment_bytes: string | number }>(
  'messaging_policy',
  (school) => `select minor_threads, retention_days, max_attachment_bytes from messaging_policies where school_id = ${school}`,
  { prepared: true },
);

/** How many messages a person sent since an instant, prepared: every post counts them for the sending limit. */
export const MESSAGES_SENT_SINCE = schoolScoped<{ n: number }, [authorId: string, since: Date]>(
  'messaging_messages_sent_since',
  (school) => `select count(*)::int as n from messages where school_id = ${school} and author_id = $2 and sent_at >= $3`,
  { prepared: true },
);

/**
 * The earliest private thread holding exactly these two people, with its participants: a condition on the set of a
 * thread's participants, which entity calls can only answer by reading every thread of the first person.
 */
export const DIRECT_THREAD_BETWEEN = schoolScoped<RawThreadWithParticipants, [first: string, second: string]>(
  'messaging_direct_thread_between',
  (school) => `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = ${school} order by p.position) as participant_ids
  from message_thread_participants pa
  join message_threads t on t.id = pa.thread_id and t.school_id = pa.school_id
 where pa.school_id = ${school} and pa.user_id = $2 and t.kind = 'direct'
   and exists (select 1 from message_thread_participants pb where pb.thread_id = t.id and pb.school_id = ${school} and pb.user_id = $3)
   and (select count(*) from message_thread_participants p where p.thread_id = t.id and p.school_id = ${school}) = 2
 order by t.created_at, t.id
 limit 1`,
);

/**
 * Per thread, the messages after the reader's mark written by someone else, for every thread of an inbox in one
 * grouped read: the ORM cannot join a list of (thread, mark) pairs. Thread ids and marks as array literals.
 */
export const UNREAD_COUNTS = schoolScoped<{ thread_id: string; n: string }, [threadIds: string, marks: string, readerId: string]>(
  'messaging_unread_counts',
  (school) => `select m.thread_id, count(*)::text as n
  from unnest($2::uuid[], $3::int[]) as k(thread_id, after_seq)
  join messages m on m.thread_id = k.thread_id and m.seq > k.after_seq
 where m.school_id = ${school} and m.author_id <> $4
 group by m.thread_id`,
);

/**
 * Messages whose current wording (their latest version) contains a text, newest first: the ORM cannot say "the
 * latest version of each". Thread ids as an array literal, the `ilike` pattern (escaped with `!`), the limit.
 */
export const SEARCH_MESSAGES = schoolScoped<RawMessage, [threadIds: string, pattern: string, limit: number]>(
  'messaging_search_messages',
  (school) => `select m.* from messages m
  join lateral (select v.body from message_versions v where v.message_id = m.id and v.school_id = ${school} order by v.version desc limit 1) cur on true
 where m.school_id = ${school} and m.thread_id = any($2::uuid[]) and cur.body ilike $3::text escape '!'
 order by m.sent_at desc, m.seq desc
 limit $4::int`,
);

/** Holds the school's bytes (by SHA-256) until the transaction ends: an advisory lock, which the ORM has no call for. */
export const LOCK_ATTACHMENT_BYTES = schoolScoped<unknown, [sha256: string]>(
  'messaging_lock_attachment_bytes',
  (school) => `select pg_advisory_xact_lock(hashtextextended(${school}::text || ':' || $2::text, 0))`,
);

/** The schools that have any thread: a distinct read of one column. */
export const SCHOOLS_WITH_THREADS = acrossSchools<{ school_id: string }>(
  'messaging_schools_with_threads',
  `select distinct school_id from message_threads order by school_id`,
  'the retention sweep finds the schools to sweep, then sweeps each in its own school',
);

/**
 * Says, for the rest of this transaction only, that it is the retention sweep's purge, which `message_versions`'
 * trigger lets delete versions (a setting, which the ORM has no call for); `END_MESSAGING_PURGE` says it is over.
 */
export const BEGIN_MESSAGING_PURGE = acrossSchools(
  'messaging_purge_begin',
  `select set_config('cadenza.messaging_purge', 'on', true)`,
  'a setting of the transaction, which reads and writes no table',
);
export const END_MESSAGING_PURGE = acrossSchools(
  'messaging_purge_end',
  `select set_config('cadenza.messaging_purge', 'off', true)`,
  'a setting of the transaction, which reads and writes no table',
);

// Notifications.

/**
 * Feed entries, each added once per person and cause: `on conflict do nothing returning`, so one round trip says
 * which were new (an entity insert fails on the conflict instead). Entries as JSON
 * [{id, school_id, user_id, type, source_key, title, body, link, created_at}].
 */
export const FEED_ADD = acrossSchools<{ id: string; school_id: string; user_id: string; type: string; created_at: Date | string }, [entries: string]>(
  'notifications_feed_add',
  `insert into notifications (id, school_id, user_id, type, source_key, title, body, link, created_at, read_at)
select e.id, e.school_id, e.user_id, e.type, e.source_key, e.title, e.body, e.link, e.created_at, null
  from jsonb_to_recordset($1::jsonb) as e(id uuid, school_id uuid, user_id uuid, type text, source_key text, title text, body text, link text, created_at timestamptz)
on conflict (user_id, source_key) do nothing returning id, school_id, user_id, type, created_at`,
  "the delivery jobs add entries for every school's people, outside any school's request; each row carries its entry's school",
);

/** Unread entries per person of one school (each entry's own), for many people in one grouped read. */
export const FEED_UNREAD_BY_PERSON = acrossSchools<{ user_id: string; n: string }, [school: string, userIds: string]>(
  'notifications_feed_unread_by_person',
  `select user_id, count(*)::text as n from notifications
 where school_id = $1 and user_id = any($2::uuid[]) and read_at is null group by user_id`,
  'counts for the entries just added, in their own school, which the delivery jobs name outside any request',
);

/** The largest reminder offset anyone of the school chose: a maximum over arrays' elements. */
export const LARGEST_REMINDER_OFFSET = schoolScoped<{ m: number | null }>(
  'notifications_largest_reminder_offset',
  (school) => `select max(o) as m from notification_preferences p, unnest(p.reminder_offsets) o where p.school_id = ${school}`,
);

/**
 * Sends planned once per key: `on conflict do nothing returning key` says which were new in one round trip, one
 * constant text fed JSON [{id, school_id, key, recipient_id, type, channel, status, reason, due_at, sent_at,
 * lesson_id, offset_minutes, source_key, feed, email, digest}].
 */
export const DELIVERIES_PLAN = acrossSchools<{ key: string }, [plans: string]>(
  'notifications_deliveries_plan',
  `insert into notification_deliveries (id, school_id, key, recipient_id, type, channel, status, reason, attempts, due_at, sent_at, lesson_id, offset_minutes, source_key, feed, email, digest, created_at, updated_at)
select p.id, p.school_id, p.key, p.recipient_id, p.type, p.channel, p.status, p.reason, 0, p.due_at, p.sent_at, p.lesson_id, p.offset_minutes, p.source_key, p.feed, p.email, coalesce(p.digest, false), now(), now()
  from jsonb_to_recordset($1::jsonb) as p(id uuid, school_id uuid, key text, recipient_id uuid, type text, channel text, status text, reason text, due_at timestamptz, sent_at timestamptz,
       lesson_id uuid, offset_minutes integer, source_key text, feed jsonb, email jsonb, digest boolean)
on conflict (key) do nothing returning key`,
  "a failed email's fallback is planned by the delivery jobs outside any school's request; each row carries its plan's school",
);

const JOBS = "the delivery jobs claim and record every school's sends by key, outside any school's request";

/** Claims one due send by key as a lease: a conditional update returning the row. */
export const DELIVERY_CLAIM = acrossSchools<RawDelivery, [token: string, leaseUntil: Date, now: Date, key: string]>(
  'notifications_delivery_claim',
  `update notification_deliveries set claim_token = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
 where key = $4 and status = 'queued' and due_at <= $3 and (lease_until is null or lease_until <= $3) returning *`,
  JOBS,
);

/**
 * Claims one due send by key and, when it is a digest email, the same person's other digest emails that are due and
 * not under a live claim, under one token, in one statement (a conditional update over the key's row and its
 * companions: one claim for all of them, which entity calls cannot make atomic). Racing claimers of one person's
 * digest wait on the first one's row locks and then find the rows claimed.
 */
export const DELIVERY_CLAIM_WITH_DIGEST = acrossSchools<RawDelivery, [token: string, leaseUntil: Date, now: Date, key: string]>(
  'notifications_delivery_claim_with_digest',
  `with k as (
   select recipient_id, digest from notification_deliveries
    where key = $4 and status = 'queued' and due_at <= $3 and (lease_until is null or lease_until <= $3))
update notification_deliveries d set claim_token = $1, lease_until = $2, attempts = d.attempts + 1, updated_at = $3
  from k
 where (d.key = $4 or (k.digest and d.digest and d.recipient_id = k.recipient_id))
   and d.status = 'queued' and d.due_at <= $3 and (d.lease_until is null or d.lease_until <= $3)
returning d.*`,
  JOBS,
);

/** Claims up to a batch of due sends of one channel, skipping rows another worker holds (`for update skip locked`, which the ORM cannot say in an update). */
export const DELIVERIES_CLAIM_DUE = acrossSchools<RawDelivery, [leaseUntil: Date, now: Date, channel: string, limit: number]>(
  'notifications_deliveries_claim_due',
  `update notification_deliveries d set claim_token = gen_random_uuid(), lease_until = $1, attempts = d.attempts + 1, updated_at = $2
 where d.id in (
   select id from notification_deliveries
    where status = 'queued' and channel = $3 and due_at <= $2 and (lease_until is null or lease_until <= $2)
    order by due_at limit $4 for update skip locked)
 returning d.*`,
  JOBS,
);

/** Marks claimed sends sent, each only by its claim's holder: pairs of (key, token), as array literals, joined in one update. */
export const DELIVERIES_MARK_SENT = acrossSchools<{ key: string }, [at: Date, keys: string, tokens: string]>(
  'notifications_deliveries_mark_sent',
  `update notification_deliveries d set status = 'sent', sent_at = $1, lease_until = null, updated_at = $1
  from unnest($2::text[], $3::uuid[]) as c(key, token)
 where d.key = c.key and d.claim_token = c.token and d.status = 'queued' returning d.key`,
  JOBS,
);

/** Gives a claim back for a retry at a later time, by the claim's holder only. */
export const DELIVERY_RELEASE = acrossSchools<never, [reason: string, retryAt: Date, at: Date, key: string, token: string]>(
  'notifications_delivery_release',
  `update notification_deliveries set status = 'queued', reason = $1, due_at = $2, sent_at = null, claim_token = null, lease_until = null, updated_at = $3
 where key = $4 and claim_token = $5`,
  JOBS,
);

/**
 * An email's send marked done in a transaction held open on a connection of its own until the SMTP server has the
 * message (`PgDeliveryLog.prepareSent`), sent straight through that connection.
 */
export const DELIVERY_HOLD_SENT = acrossSchools<{ key: string }, [at: Date, key: string, token: string]>(
  'notifications_delivery_hold_sent',
  `update notification_deliveries set status = 'sent', sent_at = $1, lease_until = null, updated_at = $1 where key = $2 and claim_token = $3 and status = 'queued' returning key`,
  JOBS,
);

/**
 * A digest's sends marked done under one claim, in a transaction held open like a single send's
 * (`PgDeliveryLog.prepareSentAll`): all the keys in one update, which says in its count whether every claim held.
 */
export const DELIVERIES_HOLD_SENT = acrossSchools<{ key: string }, [at: Date, keys: readonly string[], token: string, reason: string | null]>(
  'notifications_deliveries_hold_sent',
  `update notification_deliveries set status = 'sent', sent_at = $1, lease_until = null, updated_at = $1, reason = coalesce($4::text, reason)
 where key = any($2::text[]) and claim_token = $3 and status = 'queued' returning key`,
  JOBS,
);

/**
 * The earliest due time of the person's digest emails that wait to go (queued, unclaimed, due after now), in the
 * school in force: a minimum the ORM cannot say in one read. Run behind the person's digest lock.
 */
export const OPEN_DIGEST = schoolScoped<{ due_at: Date | string | null }, [recipientId: string, now: Date]>(
  'notifications_open_digest',
  (school) => `select min(due_at) as due_at from notification_deliveries
 where school_id = ${school} and recipient_id = $2 and digest and status = 'queued' and due_at > $3 and (lease_until is null or lease_until <= $3)`,
);

/** Keys and due times of queued sends due by a time, for the jobs' sweep: one channel, or every one when null. */
export const DELIVERIES_DUE = acrossSchools<{ key: string; due_at: Date | string }, [channel: string | null, until: Date, now: Date, limit: number]>(
  'notifications_deliveries_due',
  `select key, due_at from notification_deliveries
 where status = 'queued' and ($1::text is null or channel = $1::text) and due_at <= $2 and (lease_until is null or lease_until <= $3)
 order by due_at limit $4`,
  JOBS,
);

/**
 * A page of the school's delivery log, newest first, ordered on the millisecond (as the API shows times) and keys
 * byte by byte (`collate "C"`, whatever the database's collation), so a page ends where the next page's cursor names
 * it exactly: an order the ORM cannot say. Status, recipient and the cursor are null when unused.
 */
export const DELIVERY_LOG_PAGE = schoolScoped<RawDelivery, [status: string | null, recipientId: string | null, beforeAt: Date | null, beforeKey: string | null, limit: number]>(
  'notifications_delivery_log_page',
  (school) => `select * from notification_deliveries
 where school_id = ${school} and ($2::text is null or status = $2::text) and ($3::uuid is null or recipient_id = $3::uuid)
   and ($4::timestamptz is null or (date_trunc('milliseconds', updated_at), key collate "C") < ($4::timestamptz, $5::text collate "C"))
 order by date_trunc('milliseconds', updated_at) desc, key collate "C" desc limit $6`,
);

/**
 * Says, for the rest of this transaction only, that it is a person's erasure, which `message_versions`' trigger lets
 * rewrite the bodies of versions (a setting, which the ORM has no call for). The erasure's step is its own transaction.
 */
export const BEGIN_PERSONAL_DATA_ERASURE = acrossSchools(
  'messaging_personal_data_erasure_begin',
  `select set_config('cadenza.personal_data_erasure', 'on', true)`,
  'a setting of the transaction, which reads and writes no table',
);
