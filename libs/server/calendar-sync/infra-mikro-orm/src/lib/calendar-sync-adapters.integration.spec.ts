import { RequestContext } from '@mikro-orm/postgresql';
import { FEED_LESSON_EVENT_TYPES, RecordFeedLessons } from '@cadenza/server/calendar-sync/domain';
import { busyBlocksContract, calendarFeedsContract, feedLessonsContract, googleConnectionsContract } from '@cadenza/server/calendar-sync/domain/testing';
import { GoogleCalendarConfig } from '@cadenza/server/platform/config';
import { consumeOutbox, currentSchool, MikroOrmUnitOfWork } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { asId, DAY, newId, type SchoolId } from '@cadenza/shared/kernel';
import type { LessonId } from '@cadenza/server/calendar-sync/domain';
import { calendarSyncPersistence } from './calendar-sync-persistence.module.js';
import { MikroOrmBusyBlocks, MikroOrmBusySyncStates } from './mikro-orm-busy-blocks.js';
import { MikroOrmCalendarFeeds } from './mikro-orm-calendar-feeds.js';
import { MikroOrmFeedLessons } from './mikro-orm-feed-lessons.js';
import { OrmSchoolContext } from './orm-school-context.js';
import { MikroOrmConnectStates, MikroOrmGoogleConnections } from './mikro-orm-google-connections.js';
import { TokenCipher } from './token-cipher.js';

const parts = contextSpecParts(calendarSyncPersistence);
const cipher = new TokenCipher(new GoogleCalendarConfig('client', 'secret', null, Buffer.alloc(32, 7), 'http://127.0.0.1/console/calendar-sync/google', 60_000));

describe('calendar sync adapters on PostgreSQL', () => {
  const db = useSpecDatabase(parts);

  feedLessonsContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 5);
    return { lessons: new MikroOrmFeedLessons(em), people: userIds };
  });

  calendarFeedsContract('MikroORM adapter', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 2);
    return { feeds: new MikroOrmCalendarFeeds(em), schoolId, people: userIds };
  });

  busyBlocksContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 2);
    return { blocks: new MikroOrmBusyBlocks(em), states: new MikroOrmBusySyncStates(em), people: userIds };
  });

  googleConnectionsContract('MikroORM adapter', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 2);
    return { connections: new MikroOrmGoogleConnections(em, cipher), states: new MikroOrmConnectStates(em), schoolId, people: userIds };
  });

  it('keeps a refresh token sealed (AES-256-GCM, bound to its person), and no state or connection of another school', async () => {
    const a = await freshSchool(db.orm, 2);
    const b = await freshSchool(db.orm, 1);
    const [ana, ada] = a.userIds;
    const connection = { personId: ana, account: 'ana@example.org', refreshToken: '1//secret-refresh-token', busyCalendarIds: ['ana@example.org'], writeCalendarId: 'c@group.calendar.google.com', status: 'active' as const, connectedAt: new Date('2027-01-01T00:00:00Z'), lastSyncAt: null, lastError: null };
    await new MikroOrmGoogleConnections(a.em, cipher).save(connection);
    const sealed = await withClient(db.url, async (client) => (await client.query('select refresh_token_sealed from calendar_google_connections where person_id = $1', [ana])).rows[0].refresh_token_sealed as string);
    expect(sealed).not.toContain('secret-refresh-token');
    expect(sealed).toMatch(/^v1\./);
    // The sealed token moved to another person's row does not open.
    expect(() => cipher.open(sealed, ada)).toThrow();
    // Another key does not open it either.
    expect(() => new TokenCipher(new GoogleCalendarConfig('c', 's', null, Buffer.alloc(32, 8), 'http://x/', 1)).open(sealed, ana)).toThrow();
    expect(await new MikroOrmGoogleConnections(b.em, cipher).ofPerson(ana)).toBeNull();
    await new MikroOrmConnectStates(a.em).save({ stateHash: `h-${ana}`, personId: ana, expiresAt: new Date('2099-01-01T00:00:00Z') });
    expect(await new MikroOrmConnectStates(b.em).take(`h-${ana}`, ana)).toBeNull();
    expect(await new MikroOrmConnectStates(a.em).take(`h-${ana}`, ana)).not.toBeNull();
  });

  it('lists no busy block of another school', async () => {
    const a = await freshSchool(db.orm, 1);
    const b = await freshSchool(db.orm, 1);
    await new MikroOrmBusyBlocks(a.em).merge(a.userIds[0], 'primary', [{ personId: a.userIds[0], calendarId: 'primary', eventId: 'e1', start: new Date('2027-01-04T09:00:00Z'), end: new Date('2027-01-04T10:00:00Z') }], []);
    expect(await new MikroOrmBusyBlocks(b.em).overlapping([a.userIds[0]], new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'))).toEqual([]);
    expect(await new MikroOrmBusyBlocks(a.em).overlapping([a.userIds[0]], new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'))).toHaveLength(1);
  });

  it('finds a feed by its token from no school, and lists no lesson of another school', async () => {
    const a = await freshSchool(db.orm, 2);
    const b = await freshSchool(db.orm, 2);
    const hash = `hash-${newId()}`;
    await new MikroOrmCalendarFeeds(a.em).replace({ personId: a.userIds[0], tokenHash: hash, createdAt: new Date('2027-01-01T00:00:00Z') });
    const lesson = { id: newId<LessonId>(), teacherId: a.userIds[0], accompanistId: null, studentIds: [a.userIds[1]], roomId: null, start: new Date('2027-01-05T10:00:00Z'), end: new Date('2027-01-05T10:30:00Z'), cancelled: false, changedAt: new Date('2027-01-01T00:00:00Z') };
    await new MikroOrmFeedLessons(a.em).record(lesson);
    const owner = await RequestContext.create(db.orm.em, () => new MikroOrmCalendarFeeds(db.orm.em).byTokenHashAcrossSchools(hash));
    expect(owner).toEqual({ schoolId: a.schoolId, personId: a.userIds[0] });
    expect(await new MikroOrmFeedLessons(b.em).involving([a.userIds[0]], new Date('2026-01-01T00:00:00Z'))).toEqual([]);
    expect(await new MikroOrmFeedLessons(a.em).involving([a.userIds[0]], new Date('2026-01-01T00:00:00Z'))).toEqual([lesson]);
    // The school a feed's reader enters is the one later reads are bound to.
    await RequestContext.create(db.orm.em, async () => {
      new OrmSchoolContext(db.orm.em).enter(asId<SchoolId>(b.schoolId));
      expect(currentSchool(db.orm.em)).toBe(b.schoolId);
    });
  });

  it('refuses in the database a second feed with one token hash, in any school', async () => {
    const a = await freshSchool(db.orm, 1);
    const b = await freshSchool(db.orm, 1);
    const hash = `hash-${newId()}`;
    await withClient(db.url, async (client) => {
      await client.query(`insert into calendar_feeds (person_id, school_id, token_hash, created_at) values ($1, $2, $3, now())`, [a.userIds[0], a.schoolId, hash]);
      await expect(client.query(`insert into calendar_feeds (person_id, school_id, token_hash, created_at) values ($1, $2, $3, now())`, [b.userIds[0], b.schoolId, hash])).rejects.toThrow(/unique/);
      await expect(client.query(`insert into calendar_feeds (person_id, school_id, token_hash, created_at) values ($1, $2, 'short', now())`, [b.userIds[0], b.schoolId])).rejects.toThrow(/check/);
    });
  });

  it('keeps its lessons from the outbox as a consumer claims them, each event once', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 2);
    const [teacherId, studentId] = userIds;
    const lessonId = newId();
    const lesson = (start: string, end: string) => ({ lessonId, seriesId: null, teacherId, studentIds: [studentId], accompanistId: null, roomId: null, start, end });
    await withClient(db.url, async (client) => {
      const insert = (type: string, payload: unknown, ago: number) =>
        client.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, $3, $4, now() - make_interval(secs => $5))`, [newId(), schoolId, type, JSON.stringify(payload), ago]);
      await insert('lesson.scheduled.v1', { actorId: null, lesson: lesson('2027-01-07T16:00:00.000Z', '2027-01-07T16:30:00.000Z') }, 20);
      await insert('thread.read.v1', { threadId: newId(), userId: studentId, lastReadSeq: 1 }, 15);
      await insert('lesson.moved.v1', { actorId: null, lesson: lesson('2027-01-08T16:00:00.000Z', '2027-01-08T16:45:00.000Z'), previous: { start: '2027-01-07T16:00:00.000Z', end: '2027-01-07T16:30:00.000Z', roomId: null } }, 10);
    });
    const record = new RecordFeedLessons(new MikroOrmFeedLessons(db.orm.em), new MikroOrmUnitOfWork(db.orm.em));
    const consume = () => consumeOutbox(db.orm.em, 'calendar_sync.lessons', async (_school, events) => void (await record.execute(events)), { types: FEED_LESSON_EVENT_TYPES, batch: 200, maxAgeMs: DAY, now: new Date() });
    expect(await consume()).toBe(2);
    expect(await consume()).toBe(0);
    const rows = await withClient(db.url, async (client) => (await client.query('select id, start_at, end_at, cancelled from calendar_sync_lessons where school_id = $1', [schoolId])).rows);
    expect(rows).toEqual([{ id: lessonId, start_at: new Date('2027-01-08T16:00:00Z'), end_at: new Date('2027-01-08T16:45:00Z'), cancelled: false }]);
  });
});
