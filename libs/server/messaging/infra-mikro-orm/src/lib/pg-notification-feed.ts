import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter, acrossSchoolsRows, schoolRows } from '@cadenza/server/platform/db';
import { NotificationFeed, type FeedEntry, type NotificationKind } from '@cadenza/server/messaging/domain';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { date, json, pgArray } from './rows.js';
import { FEED_ADD, FEED_ADD_MANY, FEED_MARK_READ, FEED_OWNED_BY, FEED_PAGE, FEED_UNREAD_COUNT, FEED_UNREAD_OF_PEOPLE, type FeedRow } from './statements.js';

/** `notification.created.v1` for a new feed entry, with its person's unread count. */
const notificationCreated = (entry: FeedEntry, unreadCount: number) =>
  integrationEvent('notification.created.v1', { notificationId: entry.id, userId: entry.userId, type: entry.kind, unreadCount });

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
 * The feed in `notifications`, in named statements (`statements.ts`). Adding is `on conflict do nothing` on (person,
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
    const inserted = await acrossSchoolsRows(this.em, FEED_ADD, [
      entry.id,
      entry.schoolId,
      entry.userId,
      entry.kind,
      entry.sourceKey,
      entry.title,
      entry.body,
      entry.link,
      entry.createdAt,
    ]);
    if (inserted.length === 0) return false;
    const [unread] = await acrossSchoolsRows(this.em, FEED_UNREAD_OF_PEOPLE, [pgArray([entry.userId])]);
    await this.outbox.append(outgoingEvent(entry.schoolId, entry.createdAt, notificationCreated(entry, Number(unread?.n ?? 1))));
    return true;
  }

  async addMany(entries: readonly FeedEntry[]) {
    if (entries.length === 0) return 0;
    const inserted = await acrossSchoolsRows(this.em, FEED_ADD_MANY, [
      json(entries.map((e) => ({ id: e.id, school_id: e.schoolId, user_id: e.userId, type: e.kind, source_key: e.sourceKey, title: e.title, body: e.body, link: e.link, created_at: e.createdAt }))),
    ]);
    if (inserted.length === 0) return 0;
    const users = [...new Set(inserted.map((r) => r.user_id))];
    const counts = await acrossSchoolsRows(this.em, FEED_UNREAD_OF_PEOPLE, [pgArray(users)]);
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
    const rows = await schoolRows(this.em, FEED_PAGE, [userId, query.unread ?? false, query.before ?? null, query.limit]);
    const [{ n }] = await schoolRows(this.em, FEED_UNREAD_COUNT, [userId]);
    return { items: rows.map(toEntry), unreadCount: Number(n) };
  }

  async ownedBy(userId: UserId, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await schoolRows(this.em, FEED_OWNED_BY, [userId, pgArray(ids)]);
    return rows.map((r) => r.id);
  }

  async markRead(userId: UserId, ids: readonly string[] | null, at: Date) {
    const rows = await schoolRows(this.em, FEED_MARK_READ, [at, userId, ids ? pgArray(ids) : null]);
    return rows.length;
  }
}
