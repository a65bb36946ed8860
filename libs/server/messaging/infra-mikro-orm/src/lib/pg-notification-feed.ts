import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter, currentSchool } from '@cadenza/server/platform/db';
import { NotificationFeed, type FeedEntry, type NotificationKind } from '@cadenza/server/messaging/domain';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { date, json, pgArray } from './rows.js';

/** `notification.created.v1` for a new feed entry, with its person's unread count. */
const notificationCreated = (entry: FeedEntry, unreadCount: number) =>
  integrationEvent('notification.created.v1', { notificationId: entry.id, userId: entry.userId, type: entry.kind, unreadCount });

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
    await this.outbox.append(outgoingEvent(entry.schoolId, entry.createdAt, notificationCreated(entry, Number(n))));
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
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const row of inserted) {
      const entry = byId.get(row.id);
      if (!entry) continue;
      await this.outbox.append(outgoingEvent(entry.schoolId, new Date(row.created_at), notificationCreated(entry, unread.get(row.user_id) ?? 1)));
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
