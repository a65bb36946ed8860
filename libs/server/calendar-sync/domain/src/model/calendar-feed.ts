import type { UserId } from '@cadenza/shared/kernel';

/**
 * A person's secret calendar feed: only the SHA-256 of its token is kept, so the URL is shown once, when the feed is
 * made or rotated. A person has at most one; rotating replaces it, and the old token stops working at once.
 */
export interface CalendarFeed {
  personId: UserId;
  tokenHash: string;
  createdAt: Date;
}

/** A feed found by its token, in whichever school it belongs to. */
export interface FeedOwner {
  schoolId: string;
  personId: UserId;
}
