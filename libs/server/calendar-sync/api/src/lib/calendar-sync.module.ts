import { Module, type DynamicModule, type Type } from '@nestjs/common';
import {
  BusyBlocks,
  BusySyncStates,
  CALENDAR_SYNC_USE_CASES,
  CalendarDirectory,
  CalendarFeeds,
  ConnectStates,
  ExternalCalendars,
  FeedLessons,
  FeedSecrets,
  GoogleAccounts,
  GoogleConnections,
  SchoolContext,
  calendarSyncUseCases,
  type CalendarSyncPorts,
} from '@cadenza/server/calendar-sync/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import { CalendarFeedsController, GoogleCalendarController, MyCalendarFeedController } from './controllers/index.js';
import { FeedLessonsConsumer } from './feed-lessons-consumer.js';

/** The token each port of calendar sync is injected by: checked against `CalendarSyncPorts`, so a swapped entry does not compile. */
export const CALENDAR_SYNC_PORT_TOKENS: TokenRecord<CalendarSyncPorts> = {
  lessons: FeedLessons,
  feeds: CalendarFeeds,
  directory: CalendarDirectory,
  secrets: FeedSecrets,
  school: SchoolContext,
  connections: GoogleConnections,
  connectStates: ConnectStates,
  accounts: GoogleAccounts,
  external: ExternalCalendars,
  blocks: BusyBlocks,
  syncStates: BusySyncStates,
  limiter: RateLimiter,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
};

const useCases = useCaseProviders({ name: 'calendar sync use cases', ports: CALENDAR_SYNC_PORT_TOKENS, create: calendarSyncUseCases, types: CALENDAR_SYNC_USE_CASES });

/**
 * The calendar sync context: people's secret iCalendar feeds of their lessons, from its own copy of the lessons kept
 * from scheduling's events (`FeedLessonsConsumer`, with `background`), and teachers' Google Calendar connections. The app passes the modules providing its ports
 * (its own adapters, and its directory of other contexts and its secrets from bridges).
 */
@Module({})
export class CalendarSyncModule {
  static register(options: { adapters: Type[]; background?: boolean }): DynamicModule {
    return {
      module: CalendarSyncModule,
      imports: options.adapters,
      controllers: [MyCalendarFeedController, CalendarFeedsController, GoogleCalendarController],
      providers: [...useCases.providers, ...(options.background ? [FeedLessonsConsumer] : [])],
      exports: [...useCases.exports],
    };
  }
}
