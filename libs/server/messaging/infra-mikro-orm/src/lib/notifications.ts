import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { OutboxWriter, currentSchool } from '@cadenza/server/platform/db';
import {
  DEFAULT_REMINDER_OFFSETS,
  DeliveryLog,
  NotificationFeed,
  NotificationPreferenceStore,
  SchoolNotificationSettings,
  type Delivery,
  type DeliveryChannel,
  type DeliveryPlan,
  type DeliveryQuery,
  type FeedEntry,
  type HeldSend,
  type NotificationKind,
  type PreferencesState,
} from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';

/** A PostgreSQL array literal, passed as one parameter. */
const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
const date = (value: Date | string) => new Date(value);
const json = (value: unknown) => JSON.stringify(value);
/** Sends held open at once, each on a connection of its own. */
const HELD_SENDS = 16;

interface FeedRow {
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

const toEntry = (r: FeedRow): FeedEntry => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.school_id),
  userId: asId<UserId>(r.user_id),
  kind: r.type as NotificationKind,
  sourceKey: r.source_key,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: date(r.created_at),
  readAt: r.read_at ? date(r.read_at) : null,
});

/**
 * The feed in `notifications`, in plain SQL. Adding is `on conflict do nothing` on (person,
 * source); a new entry is announced as `notification.created` in the outbox of the same
 * transaction, with the person's unread count, for the socket relay.
 */
@Injectable()
export class PgNotificationFeed extends NotificationFeed {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async add(entry: FeedEntry): Promise<boolean> {
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into notifications (id, school_id, user_id, type, source_key, title, body, link, created_at, read_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, null) on conflict (user_id, source_key) do nothing returning id`,
      [entry.id, entry.schoolId, entry.userId, entry.kind, entry.sourceKey, entry.title, entry.body, entry.link, entry.createdAt],
    );
    if (inserted.length === 0) return false;
    const [{ n }] = await this.em.execute<{ n: string }[]>(`select count(*) as n from notifications where user_id = ? and read_at is null`, [entry.userId]);
    await this.outbox.append({ schoolId: entry.schoolId, type: 'notification.created', occurredAt: entry.createdAt, payload: { notificationId: entry.id, userId: entry.userId, type: entry.kind, unreadCount: Number(n) } });
    return true;
  }

  async addMany(entries: readonly FeedEntry[]) {
    if (entries.length === 0) return 0;
    const inserted = await this.em.execute<{ id: string; school_id: string; user_id: string; type: string; created_at: Date | string }[]>(
      `insert into notifications (id, school_id, user_id, type, source_key, title, body, link, created_at, read_at)
       select e.id, e.school_id, e.user_id, e.type, e.source_key, e.title, e.body, e.link, e.created_at, null
         from jsonb_to_recordset(?::jsonb) as e(id uuid, school_id uuid, user_id uuid, type text, source_key text, title text, body text, link text, created_at timestamptz)
       on conflict (user_id, source_key) do nothing returning id, school_id, user_id, type, created_at`,
      [json(entries.map((e) => ({ id: e.id, school_id: e.schoolId, user_id: e.userId, type: e.kind, source_key: e.sourceKey, title: e.title, body: e.body, link: e.link, created_at: e.createdAt })))],
    );
    if (inserted.length === 0) return 0;
    const users = [...new Set(inserted.map((r) => r.user_id))];
    const counts = await this.em.execute<{ user_id: string; n: string }[]>(
      `select user_id, count(*) as n from notifications where user_id = any(?::uuid[]) and read_at is null group by user_id`,
      [pgArray(users)],
    );
    const unread = new Map(counts.map((c) => [c.user_id, Number(c.n)]));
    for (const row of inserted) {
      await this.outbox.append({
        schoolId: row.school_id,
        type: 'notification.created',
        occurredAt: new Date(row.created_at),
        payload: { notificationId: row.id, userId: row.user_id, type: row.type, unreadCount: unread.get(row.user_id) ?? 1 },
      });
    }
    return inserted.length;
  }

  async page(userId: UserId, query: { unread?: boolean; before?: Date; limit: number }) {
    const school = currentSchool(this.em);
    const rows = await this.em.execute<FeedRow[]>(
      `select * from notifications where school_id = ? and user_id = ? ${query.unread ? 'and read_at is null' : ''} ${query.before ? 'and created_at < ?' : ''}
        order by created_at desc, id desc limit ?`,
      [school, userId, ...(query.before ? [query.before] : []), query.limit],
    );
    const [{ n }] = await this.em.execute<{ n: string }[]>(`select count(*) as n from notifications where school_id = ? and user_id = ? and read_at is null`, [school, userId]);
    return { items: rows.map(toEntry), unreadCount: Number(n) };
  }

  async ownedBy(userId: UserId, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<{ id: string }[]>(`select id from notifications where school_id = ? and user_id = ? and id = any(?::uuid[])`, [currentSchool(this.em), userId, pgArray(ids)]);
    return rows.map((r) => r.id);
  }

  async markRead(userId: UserId, ids: readonly string[] | null, at: Date) {
    const rows = await this.em.execute<{ id: string }[]>(
      `update notifications set read_at = ? where school_id = ? and user_id = ? and read_at is null ${ids ? 'and id = any(?::uuid[])' : ''} returning id`,
      [at, currentSchool(this.em), userId, ...(ids ? [pgArray(ids)] : [])],
    );
    return rows.length;
  }
}

interface PrefRow {
  user_id: string;
  school_id: string;
  email: Record<string, boolean>;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
  reminder_offsets: number[] | null;
}

const toPrefs = (r: PrefRow): PreferencesState => ({
  userId: asId<UserId>(r.user_id),
  schoolId: asId<SchoolId>(r.school_id),
  email: r.email as PreferencesState['email'],
  quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : null,
  timeZone: r.time_zone,
  reminderOffsets: r.reminder_offsets,
});

@Injectable()
export class PgNotificationPreferences extends NotificationPreferenceStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async of(userId: UserId) {
    const [row] = await this.em.execute<PrefRow[]>(`select * from notification_preferences where school_id = ? and user_id = ?`, [currentSchool(this.em), userId]);
    return row ? toPrefs(row) : null;
  }

  async ofMany(userIds: readonly UserId[]) {
    if (userIds.length === 0) return [];
    const rows = await this.em.execute<PrefRow[]>(`select * from notification_preferences where school_id = ? and user_id = any(?::uuid[])`, [currentSchool(this.em), pgArray(userIds)]);
    return rows.map(toPrefs);
  }

  async largestReminderOffset() {
    const [row] = await this.em.execute<{ m: number | null }[]>(
      `select max(o) as m from notification_preferences p, unnest(p.reminder_offsets) o where p.school_id = ?`,
      [currentSchool(this.em)],
    );
    return row?.m ?? null;
  }

  async save(state: PreferencesState) {
    await this.em.execute(
      `insert into notification_preferences (user_id, school_id, email, quiet_start, quiet_end, time_zone, reminder_offsets, updated_at)
       values (?, ?, ?::jsonb, ?, ?, ?, ?::integer[], now())
       on conflict (user_id) do update set email = excluded.email, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
         time_zone = excluded.time_zone, reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at`,
      [state.userId, state.schoolId, json(state.email), state.quietHours?.start ?? null, state.quietHours?.end ?? null, state.timeZone, state.reminderOffsets ? pgArray(state.reminderOffsets) : null],
    );
  }
}

/** The school's reminder defaults (a row in `notification_settings`, or 24 h, 1 h and 30 min). */
@Injectable()
export class PgNotificationSettings extends SchoolNotificationSettings {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async saveReminderOffsets(schoolId: SchoolId, offsets: readonly number[]): Promise<void> {
    await this.em.execute(
      `insert into notification_settings (school_id, reminder_offsets, updated_at) values (?, ?::integer[], now())
       on conflict (school_id) do update set reminder_offsets = excluded.reminder_offsets, updated_at = excluded.updated_at`,
      [schoolId, pgArray(offsets)],
    );
  }

  async reminderOffsets(): Promise<number[]> {
    const [row] = await this.em.execute<{ reminder_offsets: number[] }[]>(`select reminder_offsets from notification_settings where school_id = ?`, [currentSchool(this.em)]);
    return row ? row.reminder_offsets : [...DEFAULT_REMINDER_OFFSETS];
  }
}

interface DeliveryRow {
  id: string;
  school_id: string;
  key: string;
  recipient_id: string;
  type: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  due_at: Date | string;
  claim_token: string | null;
  sent_at: Date | string | null;
  lesson_id: string | null;
  offset_minutes: number | null;
  source_key: string;
  feed: Delivery['feed'];
  email: Delivery['email'];
  updated_at: Date | string;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.school_id),
  key: r.key,
  recipientId: asId<UserId>(r.recipient_id),
  kind: r.type as NotificationKind,
  channel: r.channel as Delivery['channel'],
  status: r.status as Delivery['status'],
  reason: r.reason,
  attempts: r.attempts,
  dueAt: date(r.due_at),
  claimToken: r.claim_token,
  sentAt: r.sent_at ? date(r.sent_at) : null,
  lessonId: r.lesson_id,
  offsetMinutes: r.offset_minutes,
  sourceKey: r.source_key,
  feed: r.feed,
  email: r.email,
  updatedAt: date(r.updated_at),
});

/**
 * The delivery log in `notification_deliveries`, in plain SQL. Claims and their outcomes go
 * straight to the connection pool, outside any caller's transaction, so each commits at once:
 * a claim must be visible to every other worker before the send starts, and `sent` must be
 * committed before the SMTP server is told the message is complete.
 */
@Injectable()
export class PgDeliveryLog extends DeliveryLog implements OnModuleDestroy {
  /** Connections of its own for held sends, whose COMMIT must be written the moment it is asked for. */
  private held: pg.Pool | null = null;

  constructor(private readonly em: EntityManager) {
    super();
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.held;
    this.held = null;
    await pool?.end();
  }

  /**
   * Opens a transaction on a connection of its own, writes the send as done, and keeps the
   * transaction open. `commit` issues COMMIT synchronously (pg writes a query to its socket
   * in the call when the connection is idle), so it leaves with the end of the message.
   */
  async prepareSent(key: string, claimToken: string, at: Date): Promise<HeldSend | null> {
    if (!this.held) {
      // One connection per email being sent at once (the jobs send 16 at a time).
      this.held = new pg.Pool({ connectionString: this.em.config.get('clientUrl'), max: HELD_SENDS });
      // A connection lost while idle is replaced at the next checkout; nothing to do here.
      this.held.on('error', () => undefined);
    }
    const client = await this.held.connect();
    // A connection lost while a send is held rolls the send back; the commit then answers false.
    const lost = () => undefined;
    client.on('error', lost);
    try {
      await client.query('begin');
      const updated = await client.query(
        `update notification_deliveries set status = 'sent', sent_at = $1, lease_until = null, updated_at = $1 where key = $2 and claim_token = $3 and status = 'queued' returning key`,
        [at, key, claimToken],
      );
      if (updated.rowCount !== 1) {
        await client.query('rollback');
        client.off('error', lost);
        client.release();
        return null;
      }
    } catch (error) {
      client.off('error', lost);
      client.release(error as Error);
      throw error;
    }
    return {
      commit: () => {
        const done = client.query('commit');
        return done.then(
          () => {
            client.off('error', lost);
            client.release();
            return true;
          },
          (error: Error) => {
            client.off('error', lost);
            client.release(error);
            return false;
          },
        );
      },
    };
  }

  /** Runs on its own pooled connection and commits at once, whatever transaction the caller is in. */
  private committed<T>(sql: string, params: unknown[]): Promise<T> {
    return this.em.getConnection().execute(sql, params, 'all') as Promise<T>;
  }

  async plan(plans: readonly DeliveryPlan[]) {
    if (plans.length === 0) return [];
    const inserted = new Set<string>();
    for (let i = 0; i < plans.length; i += 200) {
      const chunk = plans.slice(i, i + 200);
      const rows = await this.em.execute<{ key: string }[]>(
        `insert into notification_deliveries (id, school_id, key, recipient_id, type, channel, status, reason, attempts, due_at, sent_at, lesson_id, offset_minutes, source_key, feed, email, created_at, updated_at)
         values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())').join(', ')}
         on conflict (key) do nothing returning key`,
        chunk.flatMap((p) => [
          globalThis.crypto.randomUUID(),
          p.schoolId,
          p.key,
          p.recipientId,
          p.kind,
          p.channel,
          p.status,
          p.reason,
          p.dueAt,
          p.status === 'sent' ? p.dueAt : null,
          p.lessonId,
          p.offsetMinutes,
          p.sourceKey,
          json(p.feed),
          p.email ? json(p.email) : null,
        ]),
      );
      rows.forEach((r) => inserted.add(r.key));
    }
    return plans.filter((p) => inserted.has(p.key));
  }

  async ofLesson(lessonId: string) {
    const rows = await this.em.execute<DeliveryRow[]>(`select * from notification_deliveries where school_id = ? and lesson_id = ?`, [currentSchool(this.em), lessonId]);
    return rows.map(toDelivery);
  }

  async reschedule(key: string, dueAt: Date, plan: Pick<DeliveryPlan, 'status' | 'reason' | 'feed' | 'email'>, at: Date) {
    await this.em.execute(
      `update notification_deliveries set due_at = ?, status = ?, reason = ?, feed = ?::jsonb, email = ?::jsonb, claim_token = null, lease_until = null, updated_at = ?
        where key = ? and status in ('queued', 'skipped')`,
      [dueAt, plan.status, plan.reason, json(plan.feed), plan.email ? json(plan.email) : null, at, key],
    );
  }

  async skip(keys: readonly string[], reason: string, at: Date) {
    if (keys.length === 0) return;
    await this.em.execute(
      `update notification_deliveries set status = 'skipped', reason = ?, claim_token = null, lease_until = null, updated_at = ? where key = any(?::text[]) and status = 'queued'`,
      [reason, at, pgArray(keys.map((k) => `"${k}"`))],
    );
  }

  async claimAcrossSchools(key: string, now: Date, leaseMs: number) {
    const rows = await this.committed<DeliveryRow[]>(
      `update notification_deliveries set claim_token = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
        where key = ? and status = 'queued' and due_at <= ? and (lease_until is null or lease_until <= ?) returning *`,
      [globalThis.crypto.randomUUID(), new Date(now.getTime() + leaseMs), now, key, now, now],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async claimDueAcrossSchools(channel: DeliveryChannel, now: Date, leaseMs: number, limit: number) {
    const rows = await this.committed<DeliveryRow[]>(
      `update notification_deliveries d set claim_token = gen_random_uuid(), lease_until = ?, attempts = d.attempts + 1, updated_at = ?
        where d.id in (
          select id from notification_deliveries
           where status = 'queued' and channel = ? and due_at <= ? and (lease_until is null or lease_until <= ?)
           order by due_at limit ? for update skip locked)
        returning d.*`,
      [new Date(now.getTime() + leaseMs), now, channel, now, now, limit],
    );
    return rows.map(toDelivery).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async markSentMany(claims: readonly { key: string; claimToken: string }[], at: Date) {
    if (claims.length === 0) return [];
    const rows = await this.em.execute<{ key: string }[]>(
      `update notification_deliveries d set status = 'sent', sent_at = ?, lease_until = null, updated_at = ?
         from unnest(?::text[], ?::uuid[]) as c(key, token)
        where d.key = c.key and d.claim_token = c.token and d.status = 'queued' returning d.key`,
      [at, at, pgArray(claims.map((c) => `"${c.key.replace(/["\\]/g, '\\$&')}"`)), pgArray(claims.map((c) => c.claimToken))],
    );
    return rows.map((r) => r.key);
  }

  async release(key: string, claimToken: string, reason: string, retryAt: Date, at: Date) {
    await this.committed(
      `update notification_deliveries set status = 'queued', reason = ?, due_at = ?, sent_at = null, claim_token = null, lease_until = null, updated_at = ? where key = ? and claim_token = ?`,
      [reason, retryAt, at, key, claimToken],
    );
  }

  async fail(key: string, claimToken: string, reason: string, at: Date) {
    await this.em.execute(
      `update notification_deliveries set status = 'failed', reason = ?, sent_at = null, lease_until = null, updated_at = ? where key = ? and claim_token = ?`,
      [reason, at, key, claimToken],
    );
  }

  async dueAcrossSchools(until: Date, now: Date, limit: number, channel?: DeliveryChannel) {
    const rows = await this.committed<{ key: string; due_at: Date | string }[]>(
      `select key, due_at from notification_deliveries where status = 'queued' ${channel ? 'and channel = ?' : ''} and due_at <= ? and (lease_until is null or lease_until <= ?) order by due_at limit ?`,
      [...(channel ? [channel] : []), until, now, limit],
    );
    return rows.map((r) => ({ key: r.key, dueAt: date(r.due_at) }));
  }

  async list(query: DeliveryQuery) {
    // Ordered on the millisecond, as the API shows times, and keys byte by byte (whatever the database's collation):
    // a page ends where the next page's cursor can name it exactly.
    const rows = await this.em.execute<DeliveryRow[]>(
      `select * from notification_deliveries where school_id = ? ${query.status ? 'and status = ?' : ''} ${query.recipientId ? 'and recipient_id = ?' : ''}
          ${query.before ? `and (date_trunc('milliseconds', updated_at), key collate "C") < (?::timestamptz, ? collate "C")` : ''}
        order by date_trunc('milliseconds', updated_at) desc, key collate "C" desc limit ?`,
      [
        currentSchool(this.em),
        ...(query.status ? [query.status] : []),
        ...(query.recipientId ? [query.recipientId] : []),
        ...(query.before ? [query.before.updatedAt, query.before.key] : []),
        query.limit,
      ],
    );
    return rows.map(toDelivery);
  }
}
