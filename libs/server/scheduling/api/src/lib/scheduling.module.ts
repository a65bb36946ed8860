import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  AcceptCounterProposal,
  AddAvailabilityException,
  AddClosure,
  ApproveRequest,
  AvailabilityRepository,
  BookLesson,
  BookMakeupLesson,
  CalendarRepository,
  CancelLesson,
  CounterPropose,
  CreateLessonType,
  CreateRoom,
  CreateSeries,
  CreateTerm,
  DeclineRequest,
  ExpireMakeupCredits,
  FindFreeSlots,
  GetAvailability,
  GetSchedulingPolicy,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  ListClosures,
  ListLessonRequests,
  ListLessonTypes,
  ListLessons,
  ListMakeupCredits,
  ListRooms,
  ListTerms,
  MakeupCreditRepository,
  MoveLesson,
  RoomRepository,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SchoolDirectory,
  SeriesRepository,
  SetAvailability,
  SubmitLessonRequest,
  Timetable,
  TimetableReads,
  UpdateRoom,
  UpdateSchedulingPolicy,
  WithdrawRequest,
} from '@cadenza/server/scheduling/domain';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import {
  AvailabilityController,
  CalendarController,
  LessonRequestsController,
  LessonsController,
  MakeupCreditsController,
  PolicyController,
  RoomsController,
  SeriesController,
} from './controllers/index.js';
import { CalendarCache } from './calendar-cache.js';
import { SchedulingSweeps } from './sweeps.js';

/** A domain class built from what it lists, in its constructor's order. */
function build<T>(type: new (...args: never[]) => T, inject: unknown[]): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: inject as Type[] };
}

const R = { rooms: RoomRepository, calendar: CalendarRepository, types: LessonTypeRepository, availability: AvailabilityRepository, lessons: LessonRepository, series: SeriesRepository, requests: LessonRequestRepository, credits: MakeupCreditRepository, policies: SchedulingPolicyRepository };
const K = [SchedulingEvents, AuditTrail, UnitOfWork, Clock];

const useCases: Provider[] = [
  build(Timetable, [TimetableReads, R.rooms, R.types, SchoolDirectory]),
  build(CreateRoom, [R.rooms, AuditTrail, UnitOfWork]),
  build(UpdateRoom, [R.rooms, AuditTrail, UnitOfWork]),
  build(ListRooms, [R.rooms]),
  build(CreateTerm, [R.calendar, AuditTrail, UnitOfWork]),
  build(AddClosure, [R.calendar, AuditTrail, UnitOfWork]),
  build(ListTerms, [R.calendar]),
  build(ListClosures, [R.calendar]),
  build(CreateLessonType, [R.types, AuditTrail, UnitOfWork]),
  build(ListLessonTypes, [R.types]),
  build(SetAvailability, [R.availability, SchoolDirectory, AuditTrail, UnitOfWork]),
  build(AddAvailabilityException, [R.availability, SchoolDirectory, AuditTrail, UnitOfWork]),
  build(GetAvailability, [R.availability]),
  build(FindFreeSlots, [Timetable, R.rooms, SchoolDirectory, Clock]),
  build(ListLessons, [R.lessons, SchoolDirectory]),
  build(BookLesson, [R.lessons, R.credits, Timetable, ...K]),
  build(MoveLesson, [R.lessons, R.series, Timetable, ...K]),
  build(CancelLesson, [R.lessons, R.series, R.credits, R.policies, SchoolDirectory, ...K]),
  build(CreateSeries, [R.series, R.lessons, R.calendar, Timetable, ...K]),
  build(SubmitLessonRequest, [R.requests, R.lessons, R.calendar, R.policies, Timetable, SchoolDirectory, ...K]),
  build(ListLessonRequests, [R.requests, SchoolDirectory, R.lessons]),
  build(ApproveRequest, [R.requests, R.lessons, R.credits, R.policies, BookLesson, MoveLesson, CreateSeries, ...K]),
  build(DeclineRequest, [R.requests, ...K]),
  build(CounterPropose, [R.requests, ...K]),
  build(WithdrawRequest, [R.requests, ...K]),
  build(AcceptCounterProposal, [R.requests, R.lessons, R.credits, R.policies, BookLesson, MoveLesson, CreateSeries, SchoolDirectory, ...K]),
  build(BookMakeupLesson, [R.lessons, R.credits, Timetable, SchoolDirectory, ...K]),
  build(ListMakeupCredits, [R.credits, SchoolDirectory]),
  build(ExpireMakeupCredits, [R.credits, AuditTrail, UnitOfWork, Clock]),
  build(GetSchedulingPolicy, [R.policies]),
  build(UpdateSchedulingPolicy, [R.policies, AuditTrail, UnitOfWork]),
];

/**
 * The scheduling context: rooms, terms, availability, lessons, series, requests,
 * makeup credits. The app passes the modules providing its ports, including the
 * SchoolDirectory it builds over identity.
 */
@Module({})
export class SchedulingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: SchedulingModule,
      imports: options.adapters,
      controllers: [RoomsController, CalendarController, AvailabilityController, LessonsController, SeriesController, LessonRequestsController, MakeupCreditsController, PolicyController],
      providers: [...useCases, SchedulingSweeps, CalendarCache],
      exports: [...useCases.map((p) => (p as { provide: Type }).provide), SchedulingSweeps],
    };
  }
}
