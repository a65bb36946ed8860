import { newId, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, InMemoryRateLimiter, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { calendarSyncUseCases, type CalendarSyncPorts } from '../calendar-sync-use-cases.js';
import {
  CountingFeedSecrets,
  FakeCalendarDirectory,
  FakeExternalCalendars,
  FakeGoogleAccounts,
  InMemoryBusyBlocks,
  InMemoryBusySyncStates,
  InMemoryCalendarFeeds,
  InMemoryConnectStates,
  InMemoryFeedLessons,
  InMemoryGoogleConnections,
  RecordingSchoolContext,
} from './in-memory.js';

/** Every calendar sync port as an in-memory fake, with the unit of work rolling back the stores it writes. */
export function inMemoryCalendarSyncPorts(schoolId: SchoolId, options: { now?: string } = {}) {
  const lessons = new InMemoryFeedLessons();
  const feeds = new InMemoryCalendarFeeds(schoolId);
  const directory = new FakeCalendarDirectory();
  const secrets = new CountingFeedSecrets();
  const school = new RecordingSchoolContext();
  const connections = new InMemoryGoogleConnections(schoolId);
  const connectStates = new InMemoryConnectStates();
  const accounts = new FakeGoogleAccounts();
  const external = new FakeExternalCalendars();
  const blocks = new InMemoryBusyBlocks();
  const syncStates = new InMemoryBusySyncStates();
  const limiter = new InMemoryRateLimiter();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([lessons, feeds, connections, connectStates, blocks, syncStates, audit]);
  const clock = new FixedClock(options.now ?? '2027-03-01T09:00:00Z');
  return { lessons, feeds, directory, secrets, school, connections, connectStates, accounts, external, blocks, syncStates, limiter, audit, uow, clock } satisfies CalendarSyncPorts;
}

/** Every calendar sync use case on in-memory ports, with a teacher, an accompanist, two students and a parent of the first. */
export function calendarSyncWorld(options: { now?: string } = {}) {
  const schoolId = newId<SchoolId>();
  const ports = inMemoryCalendarSyncPorts(schoolId, options);
  const useCases = calendarSyncUseCases(ports);
  const person = (name: string, roles: string[]): Actor => {
    const actor = { userId: newId<UserId>(), schoolId, roles };
    ports.directory.people.set(actor.userId, { name });
    return actor;
  };
  const people = {
    teacher: person('Tess Teacher', ['teacher']),
    accompanist: person('Alan Accompanist', ['accompanist']),
    student: person('Sam Student', ['student']),
    other: person('Olga Other', ['student']),
    parent: person('Pat Parent', ['parent']),
    admin: person('Ada Admin', ['admin']),
  };
  ports.directory.children.set(people.parent.userId, [people.student.userId]);
  return { schoolId, ports, clock: ports.clock, people, useCases };
}

export type CalendarSyncWorld = ReturnType<typeof calendarSyncWorld>;
