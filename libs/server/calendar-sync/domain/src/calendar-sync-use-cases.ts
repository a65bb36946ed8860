import type { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import type { BusyBlocks, BusySyncStates, CalendarDirectory, CalendarFeeds, ConnectStates, ExternalCalendars, FeedLessons, FeedSecrets, GoogleAccounts, GoogleConnections, SchoolContext } from './ports/index.js';
import { GetMyCalendarFeed, ReadCalendarFeed, RotateMyCalendarFeed } from './use-cases/calendar-feeds.js';
import { ChooseGoogleCalendars, CompleteGoogleConnect, DisconnectGoogle, GetGoogleConnection, ListGoogleCalendars, StartGoogleConnect } from './use-cases/google-connection.js';
import { SyncBusyCalendar } from './use-cases/sync-busy-calendar.js';
import { RecordFeedLessons } from './use-cases/record-feed-lessons.js';

/** Every port calendar sync's use cases are built from. */
export interface CalendarSyncPorts {
  lessons: FeedLessons;
  feeds: CalendarFeeds;
  directory: CalendarDirectory;
  secrets: FeedSecrets;
  school: SchoolContext;
  connections: GoogleConnections;
  connectStates: ConnectStates;
  accounts: GoogleAccounts;
  external: ExternalCalendars;
  blocks: BusyBlocks;
  syncStates: BusySyncStates;
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
  syncBusyCalendar: SyncBusyCalendar,
  startGoogleConnect: StartGoogleConnect,
  completeGoogleConnect: CompleteGoogleConnect,
  getGoogleConnection: GetGoogleConnection,
  listGoogleCalendars: ListGoogleCalendars,
  chooseGoogleCalendars: ChooseGoogleCalendars,
  disconnectGoogle: DisconnectGoogle,
} as const;

export type CalendarSyncUseCases = { [K in keyof typeof CALENDAR_SYNC_USE_CASES]: InstanceType<(typeof CALENDAR_SYNC_USE_CASES)[K]> };

/** Builds every calendar sync use case from its ports: used by the Nest module (adapters) and the specs' world (fakes). */
export function calendarSyncUseCases(p: CalendarSyncPorts): CalendarSyncUseCases {
  const { lessons, feeds, directory, secrets, school, connections, connectStates, accounts, external, blocks, syncStates, limiter, audit, uow, clock } = p;
  return {
    recordFeedLessons: new RecordFeedLessons(lessons, uow),
    getMyCalendarFeed: new GetMyCalendarFeed(feeds),
    rotateMyCalendarFeed: new RotateMyCalendarFeed(feeds, secrets, audit, uow, clock),
    readCalendarFeed: new ReadCalendarFeed(feeds, lessons, directory, secrets, school, limiter, clock),
    syncBusyCalendar: new SyncBusyCalendar(external, blocks, syncStates, uow, clock),
    startGoogleConnect: new StartGoogleConnect(accounts, connectStates, directory, secrets, clock),
    completeGoogleConnect: new CompleteGoogleConnect(accounts, connectStates, connections, directory, secrets, blocks, syncStates, limiter, audit, uow, clock),
    getGoogleConnection: new GetGoogleConnection(connections),
    listGoogleCalendars: new ListGoogleCalendars(accounts, connections),
    chooseGoogleCalendars: new ChooseGoogleCalendars(accounts, connections, blocks, syncStates, audit, uow),
    disconnectGoogle: new DisconnectGoogle(accounts, connections, blocks, syncStates, audit, uow),
  };
}
