import { newId, type SchoolId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { RepositoryTimetableReads } from '../ports/timetable-reads.js';
import { schedulingUseCases, type SchedulingPorts } from '../scheduling-use-cases.js';
import {
  InMemoryAvailability,
  InMemoryCalendar,
  InMemoryDirectory,
  InMemoryLessonHistory,
  InMemoryLessonRequests,
  InMemoryLessons,
  InMemoryLessonTypes,
  InMemoryMakeupCredits,
  InMemoryPolicies,
  InMemoryRooms,
  InMemorySeries,
  RecordingEvents,
} from './in-memory.js';
import { FixedClock, InMemoryRateLimiter, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';

/** Every scheduling port as an in-memory fake, with the unit of work rolling back the stores it writes. */
export function inMemorySchedulingPorts(options: { now?: string; timeZone?: string } = {}) {
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
  const clock = new FixedClock(options.now ?? '2026-01-05T08:00:00Z');
  const limiter = new InMemoryRateLimiter();
  const timetableReads = new RepositoryTimetableReads(lessons, availability, calendar, rooms, lessonTypes, directory);
  const history = new InMemoryLessonHistory(audit, clock);
  return { rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, policies, directory, timetableReads, history, events, audit, uow, clock, limiter } satisfies SchedulingPorts;
}

/** Every scheduling use case wired to in-memory ports, with a cast of people: for specs. */
export function schedulingWorld(options: { now?: string; timeZone?: string } = {}) {
  const schoolId = newId<SchoolId>();
  const ports = inMemorySchedulingPorts(options);
  const { rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, policies, directory, events, audit, uow, clock, limiter } = ports;
  const useCases = schedulingUseCases(ports);

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

  return {
    schoolId,
    clock,
    stores: { rooms, calendar, lessonTypes, availability, lessons, series, requests, credits, policies, directory, events, audit, uow, limiter },
    timetable: useCases.timetable,
    people: { admin, teacher, otherTeacher, accompanist, student, otherStudent, parent, viewParent },
    useCases,
  };
}

export type SchedulingWorld = ReturnType<typeof schedulingWorld>;
