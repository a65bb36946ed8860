import type { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import type {
  AvailabilityRepository,
  CalendarRepository,
  LessonHistory,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  MakeupCreditRepository,
  RoomRepository,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SchoolDirectory,
  SeriesRepository,
} from './ports/index.js';
import type { TimetableReads } from './ports/timetable-reads.js';
import { AddAvailabilityException, GetAvailability, SetAvailability } from './use-cases/availability.js';
import { BookLesson } from './use-cases/book-lesson.js';
import { AddClosure, CreateTerm, ListClosures, ListTerms, RemoveClosure, RemoveTerm, UpdateClosure, UpdateTerm } from './use-cases/calendar.js';
import { CancelLesson } from './use-cases/cancel-lesson.js';
import { CreateSeries } from './use-cases/create-series.js';
import { EditLesson } from './use-cases/edit-lesson.js';
import { EndSeries } from './use-cases/end-series.js';
import { FindFreeSlots } from './use-cases/find-free-slots.js';
import { AcceptCounterProposal, ApproveRequest, CounterPropose, DeclineRequest, ListLessonRequests, RequestApplier, SubmitLessonRequest, WithdrawRequest } from './use-cases/lesson-requests.js';
import { GetLesson, GetLessonRequest, GetSeries } from './use-cases/lesson-reads.js';
import { CreateLessonType, ListLessonTypes, RemoveLessonType, UpdateLessonType } from './use-cases/lesson-types.js';
import { ListLessons } from './use-cases/list-lessons.js';
import { BookMakeupLesson, ExpireMakeupCredits, ListMakeupCredits } from './use-cases/makeup-credits.js';
import { ListOwnMakeupCredits } from './use-cases/list-own-makeup-credits.js';
import { ExtendMakeupCredit, GrantMakeupCredit, VoidMakeupCredit } from './use-cases/makeup-credit-admin.js';
import { MoveLesson } from './use-cases/move-lesson.js';
import { GetSchedulingPolicy, UpdateSchedulingPolicy } from './use-cases/policy.js';
import { RollOverTerm } from './use-cases/roll-over-term.js';
import { CreateRoom, ListRooms, UpdateRoom } from './use-cases/rooms.js';
import { Timetable } from './use-cases/timetable.js';

/** Every port scheduling's use cases are built from. */
export interface SchedulingPorts {
  rooms: RoomRepository;
  calendar: CalendarRepository;
  lessonTypes: LessonTypeRepository;
  availability: AvailabilityRepository;
  lessons: LessonRepository;
  series: SeriesRepository;
  requests: LessonRequestRepository;
  credits: MakeupCreditRepository;
  policies: SchedulingPolicyRepository;
  directory: SchoolDirectory;
  timetableReads: TimetableReads;
  history: LessonHistory;
  events: SchedulingEvents;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
  limiter: RateLimiter;
}

/** Scheduling's use cases by name, each with its class: what `schedulingUseCases` returns, and the tokens an app provides them under. */
export const SCHEDULING_USE_CASES = {
  timetable: Timetable,
  createRoom: CreateRoom,
  updateRoom: UpdateRoom,
  listRooms: ListRooms,
  createTerm: CreateTerm,
  listTerms: ListTerms,
  updateTerm: UpdateTerm,
  removeTerm: RemoveTerm,
  addClosure: AddClosure,
  listClosures: ListClosures,
  updateClosure: UpdateClosure,
  removeClosure: RemoveClosure,
  createLessonType: CreateLessonType,
  listLessonTypes: ListLessonTypes,
  updateLessonType: UpdateLessonType,
  removeLessonType: RemoveLessonType,
  setAvailability: SetAvailability,
  addAvailabilityException: AddAvailabilityException,
  getAvailability: GetAvailability,
  findFreeSlots: FindFreeSlots,
  listLessons: ListLessons,
  getLesson: GetLesson,
  getRequest: GetLessonRequest,
  getSeries: GetSeries,
  book: BookLesson,
  move: MoveLesson,
  edit: EditLesson,
  cancel: CancelLesson,
  createSeries: CreateSeries,
  endSeries: EndSeries,
  rollOver: RollOverTerm,
  submitRequest: SubmitLessonRequest,
  listRequests: ListLessonRequests,
  approve: ApproveRequest,
  decline: DeclineRequest,
  counter: CounterPropose,
  acceptCounter: AcceptCounterProposal,
  withdraw: WithdrawRequest,
  bookMakeup: BookMakeupLesson,
  listCredits: ListMakeupCredits,
  listOwnCredits: ListOwnMakeupCredits,
  expireCredits: ExpireMakeupCredits,
  grantCredit: GrantMakeupCredit,
  extendCredit: ExtendMakeupCredit,
  voidCredit: VoidMakeupCredit,
  getPolicy: GetSchedulingPolicy,
  updatePolicy: UpdateSchedulingPolicy,
} as const;

export type SchedulingUseCases = { [K in keyof typeof SCHEDULING_USE_CASES]: InstanceType<(typeof SCHEDULING_USE_CASES)[K]> };

/**
 * Builds every scheduling use case from its ports: the one place they are wired, used by the Nest
 * module (with the adapters) and by the specs' world (with the in-memory fakes).
 */
export function schedulingUseCases(p: SchedulingPorts): SchedulingUseCases {
  const { rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, policies, directory, events, audit, uow, clock, limiter } = p;
  const timetable = new Timetable(p.timetableReads, rooms, lessonTypes, directory);
  const book = new BookLesson(lessons, credits, timetable, events, audit, uow, clock);
  const move = new MoveLesson(lessons, series, timetable, events, audit, uow, clock, limiter);
  const createSeries = new CreateSeries(series, lessons, calendar, timetable, events, audit, uow, clock);
  const applier = new RequestApplier(lessons, credits, policies, book, move, createSeries, events, audit);
  return {
    timetable,
    createRoom: new CreateRoom(rooms, audit, uow),
    updateRoom: new UpdateRoom(rooms, audit, uow),
    listRooms: new ListRooms(rooms),
    createTerm: new CreateTerm(calendar, audit, uow),
    listTerms: new ListTerms(calendar),
    updateTerm: new UpdateTerm(calendar, series, audit, uow),
    removeTerm: new RemoveTerm(calendar, series, audit, uow),
    addClosure: new AddClosure(calendar, audit, uow),
    listClosures: new ListClosures(calendar),
    updateClosure: new UpdateClosure(calendar, audit, uow),
    removeClosure: new RemoveClosure(calendar, audit, uow),
    createLessonType: new CreateLessonType(lessonTypes, audit, uow),
    listLessonTypes: new ListLessonTypes(lessonTypes),
    updateLessonType: new UpdateLessonType(lessonTypes, audit, uow),
    removeLessonType: new RemoveLessonType(lessonTypes, lessons, audit, uow),
    setAvailability: new SetAvailability(availability, directory, audit, uow),
    addAvailabilityException: new AddAvailabilityException(availability, directory, audit, uow),
    getAvailability: new GetAvailability(availability),
    findFreeSlots: new FindFreeSlots(timetable, rooms, directory, clock),
    listLessons: new ListLessons(lessons, directory, requests),
    getLesson: new GetLesson(lessons, series, requests, rooms, lessonTypes, directory, p.history),
    getRequest: new GetLessonRequest(requests, directory),
    getSeries: new GetSeries(series, lessons, directory),
    book,
    move,
    edit: new EditLesson(lessons, series, timetable, events, audit, uow, clock, limiter),
    cancel: new CancelLesson(lessons, series, credits, policies, directory, events, audit, uow, clock, limiter),
    createSeries,
    endSeries: new EndSeries(series, lessons, events, audit, uow, clock, limiter),
    rollOver: new RollOverTerm(calendar, series, createSeries, directory, audit, uow),
    submitRequest: new SubmitLessonRequest(requests, lessons, calendar, policies, timetable, directory, events, audit, uow, clock, limiter),
    listRequests: new ListLessonRequests(requests, directory, lessons),
    approve: new ApproveRequest(requests, applier, events, audit, uow, clock, limiter),
    decline: new DeclineRequest(requests, events, audit, uow, clock, limiter),
    counter: new CounterPropose(requests, applier, events, audit, uow, clock, limiter),
    acceptCounter: new AcceptCounterProposal(requests, applier, directory, events, audit, uow, clock),
    withdraw: new WithdrawRequest(requests, events, audit, uow, clock),
    bookMakeup: new BookMakeupLesson(lessons, credits, timetable, directory, events, audit, uow, clock),
    listCredits: new ListMakeupCredits(credits, directory),
    listOwnCredits: new ListOwnMakeupCredits(credits, directory),
    expireCredits: new ExpireMakeupCredits(credits, audit, uow, clock),
    grantCredit: new GrantMakeupCredit(credits, lessons, policies, audit, uow, clock),
    extendCredit: new ExtendMakeupCredit(credits, audit, uow, clock),
    voidCredit: new VoidMakeupCredit(credits, audit, uow),
    getPolicy: new GetSchedulingPolicy(policies),
    updatePolicy: new UpdateSchedulingPolicy(policies, audit, uow),
  };
}
