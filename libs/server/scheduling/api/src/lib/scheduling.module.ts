import { Module, type DynamicModule, type Type } from '@nestjs/common';
import {
  AvailabilityRepository,
  CalendarRepository,
  LessonHistory,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  MakeupCreditRepository,
  RoomRepository,
  SCHEDULING_USE_CASES,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SchoolDirectory,
  SeriesRepository,
  TimetableReads,
  schedulingUseCases,
  type SchedulingPorts,
} from '@cadenza/server/scheduling/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import {
  AvailabilityController,
  CalendarController,
  LessonRequestsController,
  LessonsController,
  MakeupCreditsController,
  PolicyController,
  RolloverController,
  RoomsController,
  SeriesController,
} from './controllers/index.js';
import { CalendarCache } from './calendar-cache.js';
import { CalendarVersions } from './calendar-versions.js';
import { SchedulingSweeps } from './sweeps.js';

/** The token each port of scheduling is injected by: checked against `SchedulingPorts`, so a swapped entry does not compile. */
export const SCHEDULING_PORT_TOKENS: TokenRecord<SchedulingPorts> = {
  rooms: RoomRepository,
  calendar: CalendarRepository,
  lessonTypes: LessonTypeRepository,
  availability: AvailabilityRepository,
  lessons: LessonRepository,
  series: SeriesRepository,
  requests: LessonRequestRepository,
  credits: MakeupCreditRepository,
  policies: SchedulingPolicyRepository,
  directory: SchoolDirectory,
  timetableReads: TimetableReads,
  history: LessonHistory,
  events: SchedulingEvents,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
  limiter: RateLimiter,
};

const useCases = useCaseProviders({ name: 'scheduling use cases', ports: SCHEDULING_PORT_TOKENS, create: schedulingUseCases, types: SCHEDULING_USE_CASES });

/**
 * The scheduling context: rooms, terms, availability, lessons, series, requests,
 * makeup credits. The app passes the modules providing its ports, including the
 * SchoolDirectory it builds over identity, and the class answering the calendar cache's
 * `CalendarVersions`; the use cases are built by the domain's
 * `schedulingUseCases`, as the specs build them.
 */
@Module({})
export class SchedulingModule {
  static register(options: { adapters: Type[]; calendarVersions: Type<CalendarVersions> }): DynamicModule {
    return {
      module: SchedulingModule,
      imports: options.adapters,
      controllers: [RoomsController, CalendarController, AvailabilityController, LessonsController, SeriesController, LessonRequestsController, MakeupCreditsController, PolicyController, RolloverController],
      providers: [...useCases.providers, SchedulingSweeps, CalendarCache, { provide: CalendarVersions, useClass: options.calendarVersions }],
      exports: [...useCases.exports, SchedulingSweeps],
    };
  }
}
