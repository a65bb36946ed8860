import { acrossSchools, schoolScoped } from '@cadenza/server/platform/db';
import type { RawMessage, RawThreadWithParticipants } from './rows.js';

/**
 * Messaging's hand-shaped statements, named in this one place, each with the reason an entity call will not
 * do; every other read and write of messaging's aggregates goes through the entity schemas in `entities.ts`.
 * Each is held to what the repository calls it stands for write or read by `statements.integration.spec.ts`.
 * Each is bound to the school in force (`$1`, see `schoolScoped`), or says why it is not (`acrossSchools`);
 * their own parameters are `$2`… in the order their types list.
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
export const THREAD_WITH_PARTICIPANTS = schoolScoped<RawThreadWithParticipants, [threadId: string]>('messaging_thread_with_participants', threadWithParticipants);
export const THREAD_WITH_PARTICIPANTS_LOCKED = schoolScoped<RawThreadWithParticipants, [threadId: string]>(
  'messaging_thread_with_participants_locked',
  (school) => `${threadWithParticipants(school)} for update of t`,
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

// Notifications: the school's reminder defaults, each person's preferences and the in-app feed. The delivery
// log's statements (`pg-delivery-log.ts`) are not declared here yet.

/** The school's reminder defaults, written whole: a row per school, which the ORM would read before writing. */
export const SAVE_REMINDER_OFFSETS = schoolScoped<never, [offsets: string]>(
  'notifications_save_reminder_offsets',
  (school) => `insert into notification_settings (school_id, reminder_offsets, updated_at) values (${school}, $2::integer[], now())
   on conflict (school_id) do update set reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at`,
);

export const REMINDER_OFFSETS = schoolScoped<{ reminder_offsets: number[] }>(
  'notifications_reminder_offsets',
  (school) => `select reminder_offsets from notification_settings where school_id = ${school}`,
);

export interface PreferencesRow {
  user_id: string;
  school_id: string;
  email: Record<string, boolean>;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
  reminder_offsets: number[] | null;
}

export const PREFERENCES_OF = schoolScoped<PreferencesRow, [userIds: string]>(
  'notifications_preferences_of',
  (school) => `select * from notification_preferences where school_id = ${school} and user_id = any($2::uuid[])`,
);

/** The largest reminder offset anyone in the school asked for: an aggregate over an unnested array column. */
export const LARGEST_REMINDER_OFFSET = schoolScoped<{ m: number | null }>(
  'notifications_largest_reminder_offset',
  (school) => `select max(o) as m from notification_preferences p, unnest(p.reminder_offsets) o where p.school_id = ${school}`,
);

/** A person's preferences, written whole (an upsert on the person, who is of the school in force). */
export const SAVE_PREFERENCES = schoolScoped<
  never,
  [userId: string, email: string, quietStart: string | null, quietEnd: string | null, timeZone: string, reminderOffsets: string | null]
>(
  'notifications_save_preferences',
  (school) => `insert into notification_preferences (user_id, school_id, email, quiet_start, quiet_end, time_zone, reminder_offsets, updated_at)
   values ($2, ${school}, $3::jsonb, $4, $5, $6, $7::integer[], now())
   on conflict (user_id) do update set email = excluded.email, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
     time_zone = excluded.time_zone, reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at
   where notification_preferences.school_id = ${school}`,
);

export interface FeedRow {
  id: string;
  school_id: string;
  user_id: string;
  type: string;
  source_key: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const feedWhy = 'the delivery pump adds feed entries of every school in one pass, each row with its own school';

/** A feed entry, once per (person, source): `on conflict do nothing` with `returning`, which the ORM's insert cannot say. */
export const FEED_ADD = acrossSchools<
  { id: string },
  [id: string, schoolId: string, userId: string, kind: string, sourceKey: string, title: string, body: string, link: string | null, createdAt: Date]
>(
  'notifications_feed_add',
  `insert into notifications (id, school_id, user_id, type, source_key, title, body, link, created_at, read_at)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, null) on conflict (user_id, source_key) do nothing returning id`,
  feedWhy,
);

/** Feed entries as JSON, each once per (person, source), returning those added. */
export const FEED_ADD_MANY = acrossSchools<{ id: string; school_id: string; user_id: string; type: string; created_at: Date | string }, [entries: string]>(
  'notifications_feed_add_many',
  `insert into notifications (id, school_id, user_id, type, source_key, title, body, link, created_at, read_at)
   select e.id, e.school_id, e.user_id, e.type, e.source_key, e.title, e.body, e.link, e.created_at, null
     from jsonb_to_recordset($1::jsonb) as e(id uuid, school_id uuid, user_id uuid, type text, source_key text, title text, body text, link text, created_at timestamptz)
   on conflict (user_id, source_key) do nothing returning id, school_id, user_id, type, created_at`,
  feedWhy,
);

/** Unread entries per person (a `uuid[]` literal), for the announcements of entries just added. */
export const FEED_UNREAD_OF_PEOPLE = acrossSchools<{ user_id: string; n: string }, [userIds: string]>(
  'notifications_feed_unread_of_people',
  `select user_id, count(*) as n from notifications where user_id = any($1::uuid[]) and read_at is null group by user_id`,
  feedWhy + ', then counts each person’s unread entries (a person belongs to one school)',
);

/** A page of a person's feed, newest first; `unread` and `before` are parameters (false and null when unused). */
export const FEED_PAGE = schoolScoped<FeedRow, [userId: string, unreadOnly: boolean, before: Date | null, limit: number]>(
  'notifications_feed_page',
  (school) => `select * from notifications
    where school_id = ${school} and user_id = $2 and (not $3::boolean or read_at is null) and ($4::timestamptz is null or created_at < $4::timestamptz)
    order by created_at desc, id desc limit $5::int`,
);

export const FEED_UNREAD_COUNT = schoolScoped<{ n: string }, [userId: string]>(
  'notifications_feed_unread_count',
  (school) => `select count(*) as n from notifications where school_id = ${school} and user_id = $2 and read_at is null`,
);

export const FEED_OWNED_BY = schoolScoped<{ id: string }, [userId: string, ids: string]>(
  'notifications_feed_owned_by',
  (school) => `select id from notifications where school_id = ${school} and user_id = $2 and id = any($3::uuid[])`,
);

/** Marks a person's unread entries read: the ones named (a `uuid[]` literal), or all when null. */
export const FEED_MARK_READ = schoolScoped<{ id: string }, [at: Date, userId: string, ids: string | null]>(
  'notifications_feed_mark_read',
  (school) => `update notifications set read_at = $2 where school_id = ${school} and user_id = $3 and read_at is null and ($4::uuid[] is null or id = any($4::uuid[])) returning id`,
);
