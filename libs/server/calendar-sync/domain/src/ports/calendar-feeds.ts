import type { UserId } from '@cadenza/shared/kernel';
import type { CalendarFeed, FeedOwner } from '../model/calendar-feed.js';

/** People's secret calendar feeds, by the hash of their token. */
export abstract class CalendarFeeds {
  abstract ofPerson(personId: UserId): Promise<CalendarFeed | null>;
  /** Keeps the person's feed in place of the one they had. */
  abstract replace(feed: CalendarFeed): Promise<void>;
  /** The feed with this token hash in any school: a feed's URL is all its reader presents. */
  abstract byTokenHashAcrossSchools(tokenHash: string): Promise<FeedOwner | null>;
}
