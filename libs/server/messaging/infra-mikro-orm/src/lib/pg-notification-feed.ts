import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter, acrossSchoolsRows } from '@cadenza/server/platform/db';
import { NotificationFeed, type FeedEntry, type NotificationKind } from '@cadenza/server/messaging/domain';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { NotificationSchema, type NotificationRow } from './entities.js';
import { NO_MAP, date, json, pgArray } from './rows.js';
import { FEED_ADD, FEED_UNREAD_BY_PERSON } from './statements.js';

/** `notification.created.v1` for a new feed entry, with its person's unread count. */
const notificationCreated = (entry: FeedEntry, unreadCount: number) =>
  integrationEvent('notification.created.v1', { notificationId: entry.id, userId: entry.userId, type: entry.kind, unreadCount });

const toEntry = (r: NotificationRow): FeedEntry => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.schoolId),
  userId: asId<UserId>(r.userId),
  kind: r.type as NotificationKind,
  sourceKey: r.sourceKey,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: date(r.createdAt),
  readAt: r.readAt ? date(r.readAt) : null,
});

/**
 * The feed in `notifications`, through its entity schema. Adding is the named `FEED_ADD` (once per person and
 * source, saying which entries were new); a new entry is announced as `notification.created` in the outbox of
 * the same transaction, with the person's unread count, for the socket relay.
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
    return (await this.addMany([entry])) === 1;
  }

  async addMany(entries: readonly FeedEntry[]) {
    if (entries.length === 0) return 0;
    const inserted = await acrossSchoolsRows(this.em, FEED_ADD, [
      json(entries.map((e) => ({ id: e.id, school_id: e.schoolId, user_id: e.userId, type: e.kind, source_key: e.sourceKey, title: e.title, body: e.body, link: e.link, created_at: e.createdAt }))),
    ]);
    if (inserted.length === 0) return 0;
    // Each entry's school: the delivery jobs add entries of every school, outside any school's request.
    const unread = new Map<string, number>();
    const bySchool = new Map<string, Set<string>>();
    for (const row of inserted) bySchool.set(row.school_id, (bySchool.get(row.school_id) ?? new Set()).add(row.user_id));
    for (const [school, users] of bySchool) {
      const counts = await acrossSchoolsRows(this.em, FEED_UNREAD_BY_PERSON, [school, pgArray([...users])]);
      for (const c of counts) unread.set(`${school}:${c.user_id}`, Number(c.n));
    }
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const row of inserted) {
      const entry = byId.get(row.id);
      if (!entry) continue;
      await this.outbox.append(outgoingEvent(entry.schoolId, new Date(row.created_at), notificationCreated(entry, unread.get(`${row.school_id}:${row.user_id}`) ?? 1)));
    }
    return inserted.length;
  }

  async page(userId: UserId, query: { unread?: boolean; before?: Date; limit: number }) {
    const where = { userId, ...(query.unread ? { readAt: null } : {}), ...(query.before ? { createdAt: { $lt: query.before } } : {}) };
    const rows = await this.em.find(NotificationSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
    const unreadCount = await this.em.count(NotificationSchema, { userId, readAt: null });
    return { items: rows.map(toEntry), unreadCount };
  }

  async ownedBy(userId: UserId, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return (await this.em.find(NotificationSchema, { userId, id: { $in: [...ids] } }, NO_MAP)).map((r) => r.id);
  }

  async markRead(userId: UserId, ids: readonly string[] | null, at: Date) {
    return this.em.nativeUpdate(NotificationSchema, { userId, readAt: null, ...(ids ? { id: { $in: [...ids] } } : {}) }, { readAt: at });
  }
}
