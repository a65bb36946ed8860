import { Test } from '@nestjs/testing';
import { build, useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import {
  BookLesson,
  FindFreeSlots,
  LessonRepository,
  MakeupCreditRepository,
  SCHEDULING_USE_CASES,
  SchedulingEvents,
  Timetable,
  schedulingUseCases,
  type SchedulingPorts,
} from '@cadenza/server/scheduling/domain';
import { inMemorySchedulingPorts } from '@cadenza/server/scheduling/domain/testing';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { SCHEDULING_PORT_TOKENS } from './scheduling.module.js';

describe('scheduling wiring', () => {
  it('provides every use case under its class, built once by the domain factory from the injected ports', async () => {
    const ports: SchedulingPorts = inMemorySchedulingPorts();
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
