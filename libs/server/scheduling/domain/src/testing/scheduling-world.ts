import { FixedClock, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { RepositoryTimetableReads } from '../ports/timetable-reads.js';
import type { Actor } from '../model/actor.js';
import { AddAvailabilityException, GetAvailability, SetAvailability } from '../use-cases/availability.js';
import { BookLesson } from '../use-cases/book-lesson.js';
import { AddClosure, CreateTerm, ListClosures, ListTerms } from '../use-cases/calendar.js';
import { CancelLesson } from '../use-cases/cancel-lesson.js';
import { CreateSeries } from '../use-cases/create-series.js';
import { FindFreeSlots } from '../use-cases/find-free-slots.js';
import {
  AcceptCounterProposal,
  ApproveRequest,
  CounterPropose,
  DeclineRequest,
  ListLessonRequests,
  SubmitLessonRequest,
  WithdrawRequest,
} from '../use-cases/lesson-requests.js';
import { CreateLessonType, ListLessonTypes } from '../use-cases/lesson-types.js';
import { ListLessons } from '../use-cases/list-lessons.js';
import { BookMakeupLesson, ExpireMakeupCredits, ListMakeupCredits } from '../use-cases/makeup-credits.js';
import { MoveLesson } from '../use-cases/move-lesson.js';
import { GetSchedulingPolicy, UpdateSchedulingPolicy } from '../use-cases/policy.js';
import { CreateRoom, ListRooms, UpdateRoom } from '../use-cases/rooms.js';
import { Timetable } from '../use-cases/timetable.js';
import {
  InMemoryAvailability,
  InMemoryCalendar,
  InMemoryDirectory,
  InMemoryLessonRequests,
  InMemoryLessons,
  InMemoryLessonTypes,
  InMemoryMakeupCredits,
  InMemoryPolicies,
  InMemoryRooms,
  InMemorySeries,
  RecordingAuditTrail,
  RecordingEvents,
  SnapshotUnitOfWork,
} from './in-memory.js';

/** Every scheduling use case wired to in-memory ports, with a cast of people: for specs. */
export function schedulingWorld(options: { now?: string; timeZone?: string } = {}) {
  const schoolId = newId<SchoolId>();
  const clock = new FixedClock(options.now ?? '2026-01-05T08:00:00Z');
  const rooms = new InMemoryRooms();
  const calendar = new InMemoryCalendar();
  const lessonTypes = new InMemoryLessonTypes();
  const availability = new InMemoryAvailability();
  const lessons = new InMemoryLessons();
  const series = new InMemorySeries();
  const requests = new InMemoryLessonRequests();
  const credits = new InMemoryMakeupCredits();
  const policies = new InMemoryPolicies();
  const directory = new InMemoryDirectory(options.timeZone ?? 'Europe/London');
  const events = new RecordingEvents();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, audit, events]);
  const timetable = new Timetable(new RepositoryTimetableReads(lessons, availability, calendar, rooms, lessonTypes, directory), rooms, lessonTypes, directory);

  const person = (roles: string[], name: string): Actor => {
    const userId = newId<UserId>();
    directory.addPerson(userId, roles, name);
    return { userId, schoolId, roles };
  };
  const admin = person(['admin'], 'Ada Admin');
  const teacher = person(['teacher'], 'Tom Teacher');
  const otherTeacher = person(['teacher'], 'Tess Teacher');
  const accompanist = person(['accompanist'], 'Al Accompanist');
  const student = person(['student'], 'Sam Student');
  const otherStudent = person(['student'], 'Sue Student');
  const parent = person(['parent'], 'Pat Parent');
  const viewParent = person(['parent'], 'Val Viewer');
  directory.link(parent.userId, student.userId, 'full');
  directory.link(viewParent.userId, student.userId, 'view');

  const book = new BookLesson(lessons, credits, timetable, events, audit, uow, clock);
  const move = new MoveLesson(lessons, series, timetable, events, audit, uow, clock);
  const createSeries = new CreateSeries(series, lessons, calendar, timetable, events, audit, uow, clock);
  return {
    schoolId,
    clock,
    stores: { rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, policies, directory, events, audit, uow },
    timetable,
    people: { admin, teacher, otherTeacher, accompanist, student, otherStudent, parent, viewParent },
    useCases: {
      createRoom: new CreateRoom(rooms, audit, uow),
      updateRoom: new UpdateRoom(rooms, audit, uow),
      listRooms: new ListRooms(rooms),
      createTerm: new CreateTerm(calendar, audit, uow),
      listTerms: new ListTerms(calendar),
      addClosure: new AddClosure(calendar, audit, uow),
      listClosures: new ListClosures(calendar),
      createLessonType: new CreateLessonType(lessonTypes, audit, uow),
      listLessonTypes: new ListLessonTypes(lessonTypes),
      setAvailability: new SetAvailability(availability, directory, audit, uow),
      addAvailabilityException: new AddAvailabilityException(availability, directory, audit, uow),
      getAvailability: new GetAvailability(availability),
      findFreeSlots: new FindFreeSlots(timetable, rooms, directory, clock),
      listLessons: new ListLessons(lessons, directory),
      book,
      move,
      cancel: new CancelLesson(lessons, series, credits, policies, directory, events, audit, uow, clock),
      createSeries,
      submitRequest: new SubmitLessonRequest(requests, lessons, calendar, policies, timetable, directory, events, audit, uow, clock),
      listRequests: new ListLessonRequests(requests, directory, lessons),
      approve: new ApproveRequest(requests, lessons, credits, policies, book, move, createSeries, events, audit, uow, clock),
      decline: new DeclineRequest(requests, events, audit, uow, clock),
      counter: new CounterPropose(requests, events, audit, uow, clock),
      acceptCounter: new AcceptCounterProposal(requests, lessons, credits, policies, book, move, createSeries, directory, events, audit, uow, clock),
      withdraw: new WithdrawRequest(requests, events, audit, uow, clock),
      bookMakeup: new BookMakeupLesson(lessons, credits, timetable, directory, events, audit, uow, clock),
      listCredits: new ListMakeupCredits(credits, directory),
      expireCredits: new ExpireMakeupCredits(credits, audit, uow, clock),
      getPolicy: new GetSchedulingPolicy(policies),
      updatePolicy: new UpdateSchedulingPolicy(policies, audit, uow),
    },
  };
}

export type SchedulingWorld = ReturnType<typeof schedulingWorld>;
