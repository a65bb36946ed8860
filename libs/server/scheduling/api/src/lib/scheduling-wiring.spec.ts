import { Test } from '@nestjs/testing';
import { build, useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import {
  BookLesson,
  FindFreeSlots,
  LessonRepository,
  MakeupCreditRepository,
  RepositoryTimetableReads,
  SCHEDULING_USE_CASES,
  SchedulingEvents,
  Timetable,
  schedulingUseCases,
  type SchedulingPorts,
} from '@cadenza/server/scheduling/domain';
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
  RecordingEvents,
} from '@cadenza/server/scheduling/domain/testing';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { SCHEDULING_PORT_TOKENS } from './scheduling.module.js';

function inMemoryPorts(): SchedulingPorts {
  const [rooms, calendar, lessonTypes, availability, lessons] = [new InMemoryRooms(), new InMemoryCalendar(), new InMemoryLessonTypes(), new InMemoryAvailability(), new InMemoryLessons()];
  const directory = new InMemoryDirectory('Europe/London');
  return {
    rooms,
    calendar,
    lessonTypes,
    availability,
    lessons,
    series: new InMemorySeries(),
    requests: new InMemoryLessonRequests(),
    credits: new InMemoryMakeupCredits(),
    policies: new InMemoryPolicies(),
    directory,
    timetableReads: new RepositoryTimetableReads(lessons, availability, calendar, rooms, lessonTypes, directory),
    events: new RecordingEvents(),
    audit: new RecordingAuditTrail(),
    uow: new SnapshotUnitOfWork(),
    clock: new FixedClock('2026-01-05T08:00:00Z'),
  };
}

describe('scheduling wiring', () => {
  it('provides every use case under its class, built once by the domain factory from the injected ports', async () => {
    const ports = inMemoryPorts();
    const keys = Object.keys(SCHEDULING_PORT_TOKENS) as (keyof SchedulingPorts)[];
    const useCases = useCaseProviders({ name: 'scheduling', ports: SCHEDULING_PORT_TOKENS, create: schedulingUseCases, types: SCHEDULING_USE_CASES });
    const module = await Test.createTestingModule({
      providers: [...keys.map((key) => ({ provide: SCHEDULING_PORT_TOKENS[key], useValue: ports[key] })), ...useCases.providers],
    }).compile();

    expect(useCases.exports).toHaveLength(Object.keys(SCHEDULING_USE_CASES).length);
    for (const type of Object.values(SCHEDULING_USE_CASES)) expect(module.get(type)).toBeInstanceOf(type);
    // One factory run: the free-slot search and the module share the one timetable.
    expect((module.get(FindFreeSlots) as unknown as { timetable: Timetable }).timetable).toBe(module.get(Timetable));
  });

  it('type-checks the port tokens and the constructor lists (tsc -p tsconfig.json checks the @ts-expect-error lines)', () => {
    const swapped: TokenRecord<SchedulingPorts> = {
      ...SCHEDULING_PORT_TOKENS,
      // @ts-expect-error the lessons port cannot be given the makeup credits' repository
      lessons: MakeupCreditRepository,
    };
    const ordered = build(BookLesson, [LessonRepository, MakeupCreditRepository, Timetable, SchedulingEvents, AuditTrail, UnitOfWork, Clock]);
    // @ts-expect-error BookLesson takes the lessons' repository first and the credits' second
    const reversed = build(BookLesson, [MakeupCreditRepository, LessonRepository, Timetable, SchedulingEvents, AuditTrail, UnitOfWork, Clock]);
    // @ts-expect-error a list one port short does not compile either
    const short = build(BookLesson, [LessonRepository, MakeupCreditRepository, Timetable, SchedulingEvents, AuditTrail, UnitOfWork]);
    expect([swapped, ordered, reversed, short]).toHaveLength(4);
  });
});
