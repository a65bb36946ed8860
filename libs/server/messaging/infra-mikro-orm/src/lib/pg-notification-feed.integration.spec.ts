import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@cadenza/server/platform/db';
import type { FeedEntry } from '@cadenza/server/messaging/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { messagingPersistence } from './messaging-persistence.module.js';
import { PgNotificationFeed } from './pg-notification-feed.js';

/**
 * The feed's named statements on PostgreSQL: a person's page with its filters, marking read, and nothing of another
 * person's or another school's entries, whatever ids are asked for.
 */
describe('PgNotificationFeed on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(messagingPersistence), 2);
  let em: EntityManager;
  let schoolId: SchoolId;
  let people: UserId[];
  let theirs: FeedEntry;

  const entry = (school: SchoolId, userId: UserId, n: number): FeedEntry => ({
    id: globalThis.crypto.randomUUID(),
    schoolId: school,
    userId,
    kind: 'message.received',
    sourceKey: `source-${n}`,
    title: `Title ${n}`,
    body: `Body ${n}`,
    link: null,
    createdAt: new Date(Date.UTC(2027, 0, 10, 9, n)),
    readAt: null,
  });
  const feed = (manager: EntityManager) => new PgNotificationFeed(manager, new OutboxWriter(manager));

  beforeAll(async () => {
    ({ em, schoolId, userIds: people } = await freshSchool(db.orm, 2));
    const other = await freshSchool(db.orm, 1);
    theirs = entry(other.schoolId, other.userIds[0], 1);
    expect(await feed(other.em).add(theirs)).toBe(true);
    expect(await feed(em).add(entry(schoolId, people[0], 1))).toBe(true);
    expect(await feed(em).add(entry(schoolId, people[0], 1))).toBe(false);
    expect(await feed(em).addMany([2, 3, 4].map((n) => entry(schoolId, people[0], n)).concat(entry(schoolId, people[1], 5)))).toBe(4);
  });

  it('pages a person’s entries newest first, before a time, unread only when asked', async () => {
    const all = await feed(em).page(people[0], { limit: 10 });
    expect(all.items.map((e) => e.title)).toEqual(['Title 4', 'Title 3', 'Title 2', 'Title 1']);
    expect(all.unreadCount).toBe(4);
    expect((await feed(em).page(people[0], { before: new Date(Date.UTC(2027, 0, 10, 9, 3)), limit: 10 })).items.map((e) => e.title)).toEqual(['Title 2', 'Title 1']);
    expect((await feed(em).page(people[0], { limit: 2 })).items.map((e) => e.title)).toEqual(['Title 4', 'Title 3']);

    expect(await feed(em).markRead(people[0], [all.items[0].id], new Date('2027-01-11T00:00:00Z'))).toBe(1);
    const unread = await feed(em).page(people[0], { unread: true, limit: 10 });
    expect(unread.items.map((e) => e.title)).toEqual(['Title 3', 'Title 2', 'Title 1']);
    expect(unread.unreadCount).toBe(3);
  });

  it('marks all of a person’s entries read, and no one else’s', async () => {
    expect(await feed(em).markRead(people[0], null, new Date('2027-01-12T00:00:00Z'))).toBe(3);
    expect((await feed(em).page(people[0], { unread: true, limit: 10 })).items).toEqual([]);
    expect((await feed(em).page(people[1], { unread: true, limit: 10 })).unreadCount).toBe(1);
  });

  it('never reads or marks another school’s entry, even by its id', async () => {
    expect(await feed(em).ownedBy(people[0], [theirs.id])).toEqual([]);
    expect(await feed(em).markRead(theirs.userId, [theirs.id], new Date('2027-01-12T00:00:00Z'))).toBe(0);
    expect((await feed(em).page(theirs.userId, { limit: 10 })).items).toEqual([]);
  });
});
