import { asId, DAY, DomainError, MINUTE, rateLimited, type Actor, type AuditTrail, type Clock, type RateLimiter, type SchoolId, type UnitOfWork } from '@cadenza/shared/kernel';
import { feedEvents, type PersonFeed } from '../model/person-feed.js';
import type { CalendarDirectory } from '../ports/calendar-directory.js';
import type { CalendarFeeds } from '../ports/calendar-feeds.js';
import type { FeedLessons } from '../ports/feed-lessons.js';
import type { FeedSecrets } from '../ports/feed-secrets.js';
import type { SchoolContext } from '../ports/school-context.js';

/** How far back a feed reaches: the term so far, for a calendar that keeps what happened. */
export const FEED_HISTORY_MS = 120 * DAY;

/** Calendar apps poll a feed every few minutes to hours: a reader gets 30 at once, then one every 10 s per token, and an address 120 at once, then one a second. */
export const FEED_READS_PER_TOKEN = { burst: 30, everyMs: 10_000 };
export const FEED_READS_PER_ADDRESS = { burst: 120, everyMs: MINUTE / 60 };

const feedNotFound = () => new DomainError('CALENDAR_SYNC.FEED_NOT_FOUND', 'not_found', 'There is no calendar at this address.');

/** Whether the caller has a feed, and since when (the URL itself is shown only when it is made). */
export class GetMyCalendarFeed {
  constructor(private readonly feeds: CalendarFeeds) {}

  async execute(actor: Actor): Promise<{ exists: boolean; createdAt: Date | null }> {
    const feed = await this.feeds.ofPerson(actor.userId);
    return { exists: feed !== null, createdAt: feed?.createdAt ?? null };
  }
}

/**
 * Makes the caller's feed, or replaces it with a new token: the old URL stops working at once. The token is returned
 * this once and kept only as its digest. Audited without the token.
 */
export class RotateMyCalendarFeed {
  constructor(
    private readonly feeds: CalendarFeeds,
    private readonly secrets: FeedSecrets,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<{ token: string; createdAt: Date; rotated: boolean }> {
    const token = this.secrets.generate();
    const createdAt = this.clock.now();
    return this.uow.run(async () => {
      const before = await this.feeds.ofPerson(actor.userId);
      await this.feeds.replace({ personId: actor.userId, tokenHash: this.secrets.digest(token), createdAt });
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: before ? 'calendar_sync.feed.rotated' : 'calendar_sync.feed.created',
        entityType: 'calendar_feed',
        entityId: actor.userId,
        before: before ? { createdAt: before.createdAt.toISOString() } : undefined,
        after: { createdAt: createdAt.toISOString() },
      });
      return { token, createdAt, rotated: before !== null };
    });
  }
}

/**
 * A feed's calendar, for whoever holds its URL: the lessons its person teaches, accompanies or takes, and a parent's
 * children's, from `FEED_HISTORY_MS` ago on, in the school's zone. Throttled per token and per address; an unknown or
 * replaced token, or a person who left, is a 404 that says nothing more.
 */
export class ReadCalendarFeed {
  constructor(
    private readonly feeds: CalendarFeeds,
    private readonly lessons: FeedLessons,
    private readonly directory: CalendarDirectory,
    private readonly secrets: FeedSecrets,
    private readonly school: SchoolContext,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  async execute(input: { token: string; ip: string }): Promise<PersonFeed> {
    const now = this.clock.now();
    const tokenHash = this.secrets.digest(input.token);
    const turn = await this.limiter.take(
      [
        { key: `calendar_sync.feed.address:${input.ip}`, ...FEED_READS_PER_ADDRESS },
        { key: `calendar_sync.feed.token:${tokenHash.slice(0, 32)}`, ...FEED_READS_PER_TOKEN },
      ],
      now,
    );
    if (!turn.granted) throw rateLimited('CALENDAR_SYNC.TOO_MANY_FEED_READS', 'This calendar was read too often. Wait a moment and try again.', turn.retryAfterMs);
    const owner = await this.feeds.byTokenHashAcrossSchools(tokenHash);
    if (!owner) throw feedNotFound();
    this.school.enter(asId<SchoolId>(owner.schoolId));
    const person = await this.directory.activePerson(owner.personId);
    if (!person) throw feedNotFound();
    const children = new Set(await this.directory.childrenOf(owner.personId));
    const lessons = await this.lessons.involving([owner.personId, ...children], new Date(now.getTime() - FEED_HISTORY_MS));
    const people = new Set(lessons.flatMap((l) => [l.teacherId, ...(l.accompanistId ? [l.accompanistId] : []), ...l.studentIds]));
    const rooms = new Set(lessons.flatMap((l) => (l.roomId ? [l.roomId] : [])));
    const [names, roomNames, timeZone] = [await this.directory.names([...people]), await this.directory.roomNames([...rooms]), await this.directory.timeZone()];
    return { name: `${person.name} · Cadenza`, timeZone, events: feedEvents(lessons, owner.personId, children, { people: names, rooms: roomNames }) };
  }
}
