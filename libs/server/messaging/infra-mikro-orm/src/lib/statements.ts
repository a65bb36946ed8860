/**
 * Messaging's hand-shaped statements, named in this one place, each with the reason an entity call will not
 * do. Each is held to what the repository calls it stands for write or read by `statements.integration.spec.ts`.
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
