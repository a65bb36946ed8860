import type { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import type { CalendarDirectory, CalendarFeeds, FeedLessons, FeedSecrets, SchoolContext } from './ports/index.js';
import { GetMyCalendarFeed, ReadCalendarFeed, RotateMyCalendarFeed } from './use-cases/calendar-feeds.js';
import { RecordFeedLessons } from './use-cases/record-feed-lessons.js';

/** Every port calendar sync's use cases are built from. */
export interface CalendarSyncPorts {
  lessons: FeedLessons;
  feeds: CalendarFeeds;
  directory: CalendarDirectory;
  secrets: FeedSecrets;
  school: SchoolContext;
  limiter: RateLimiter;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}

/** Calendar sync's use cases by name, each with its class: what `calendarSyncUseCases` returns, and the tokens an app provides them under. */
export const CALENDAR_SYNC_USE_CASES = {
  recordFeedLessons: RecordFeedLessons,
  getMyCalendarFeed: GetMyCalendarFeed,
  rotateMyCalendarFeed: RotateMyCalendarFeed,
  readCalendarFeed: ReadCalendarFeed,
} as const;

export type CalendarSyncUseCases = { [K in keyof typeof CALENDAR_SYNC_USE_CASES]: InstanceType<(typeof CALENDAR_SYNC_USE_CASES)[K]> };

/** Builds every calendar sync use case from its ports: used by the Nest module (adapters) and the specs' world (fakes). */
export function calendarSyncUseCases(p: CalendarSyncPorts): CalendarSyncUseCases {
  const { lessons, feeds, directory, secrets, school, limiter, audit, uow, clock } = p;
  return {
    recordFeedLessons: new RecordFeedLessons(lessons, uow),
    getMyCalendarFeed: new GetMyCalendarFeed(feeds),
    rotateMyCalendarFeed: new RotateMyCalendarFeed(feeds, secrets, audit, uow, clock),
    readCalendarFeed: new ReadCalendarFeed(feeds, lessons, directory, secrets, school, limiter, clock),
  };
}
