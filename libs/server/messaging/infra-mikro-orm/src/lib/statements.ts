/**
 * Messaging's hand-shaped statements, named in this one place, each with the reason an entity call will not
 * do; every other read and write of messaging's aggregates goes through the entity schemas in `entities.ts`.
 * Each is held to what the repository calls it stands for write or read by `statements.integration.spec.ts`.
 * Parameters are `?`, in the order listed.
 */

/**
 * A post's writes in one round trip (message latency, docs/decisions/0005): the message, its first version,
 * the thread's counters, the author's receipt and the outbox events, while the thread's row lock is held.
 * Parameters: message id, school, thread, author, seq, sent at; versions as JSON [{version, body, at}];
 * thread's last seq and last message at, thread id, school in force; receipt's thread, reader, school,
 * last read seq, read at; outbox rows as JSON [{id, school_id, type, payload, occurred_at}].
 */
export const POST_MESSAGE = `with message as (
  insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values (?, ?, ?, ?, ?, ?) returning id, school_id
), versions as (
  insert into message_versions (message_id, version, school_id, body, at)
  select m.id, v.version, m.school_id, v.body, v.at from message m, jsonb_to_recordset(?::jsonb) as v(version integer, body text, at timestamptz)
), thread as (
  update message_threads set last_seq = ?, last_message_at = ? where id = ? and school_id = ?
), receipt as (
  insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values (?, ?, ?, ?, ?)
  on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq, read_at = excluded.read_at
)
insert into outbox_events (id, school_id, type, payload, occurred_at, published_at)
select e.id, e.school_id, e.type, e.payload, e.occurred_at, null
  from jsonb_to_recordset(?::jsonb) as e(id uuid, school_id uuid, type text, payload jsonb, occurred_at timestamptz)`;

/**
 * A thread's row with its participants' ids in order, in one statement; with `for update` (the locked variant) a post
 * reads its thread and takes the row lock in one round trip (message latency). Parameters: thread id, school in force.
 */
export const THREAD_WITH_PARTICIPANTS = `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id order by p.position) as participant_ids
  from message_threads t where t.id = ? and t.school_id = ?`;
export const THREAD_WITH_PARTICIPANTS_LOCKED = `${THREAD_WITH_PARTICIPANTS} for update of t`;

/**
 * The earliest private thread holding exactly these two people, with its participants: a condition on the set of a
 * thread's participants, which entity calls can only answer by reading every thread of the first person.
 * Parameters: school in force, the first person, the second.
 */
export const DIRECT_THREAD_BETWEEN = `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id order by p.position) as participant_ids
  from message_thread_participants pa
  join message_threads t on t.id = pa.thread_id and t.school_id = pa.school_id
 where pa.school_id = ? and pa.user_id = ? and t.kind = 'direct'
   and exists (select 1 from message_thread_participants pb where pb.thread_id = t.id and pb.school_id = t.school_id and pb.user_id = ?)
   and (select count(*) from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id) = 2
 order by t.created_at, t.id
 limit 1`;

/**
 * Per thread, the messages after the reader's mark written by someone else, for every thread of an inbox in one
 * grouped read: the ORM cannot join a list of (thread, mark) pairs. Parameters: thread ids and marks as array
 * literals, school in force, reader.
 */
export const UNREAD_COUNTS = `select m.thread_id, count(*)::text as n
  from unnest(?::uuid[], ?::int[]) as k(thread_id, after_seq)
  join messages m on m.thread_id = k.thread_id and m.seq > k.after_seq
 where m.school_id = ? and m.author_id <> ?
 group by m.thread_id`;

/**
 * Messages whose current wording (their latest version) contains a text, newest first: the ORM cannot say "the
 * latest version of each". Parameters: school in force, thread ids as an array literal, the `ilike` pattern
 * (escaped with `!`), the limit.
 */
export const SEARCH_MESSAGES = `select m.* from messages m
  join lateral (select v.body from message_versions v where v.message_id = m.id order by v.version desc limit 1) cur on true
 where m.school_id = ? and m.thread_id = any(?::uuid[]) and cur.body ilike ? escape '!'
 order by m.sent_at desc, m.seq desc
 limit ?`;

/**
 * Holds a school's bytes (by SHA-256) until the transaction ends: an advisory lock, which the ORM has no call for.
 * Parameters: school in force, sha256.
 */
export const LOCK_ATTACHMENT_BYTES = `select pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))`;

/** The schools that have any thread, read across schools for the retention sweep: a distinct read of one column. */
export const SCHOOLS_WITH_THREADS = `select distinct school_id from message_threads order by school_id`;

/**
 * Says, for the rest of this transaction only, that it is the retention sweep's purge, which `message_versions`'
 * trigger lets delete versions (a setting, which the ORM has no call for); `END_MESSAGING_PURGE` says it is over.
 */
export const BEGIN_MESSAGING_PURGE = `select set_config('cadenza.messaging_purge', 'on', true)`;
export const END_MESSAGING_PURGE = `select set_config('cadenza.messaging_purge', 'off', true)`;
