import type { EntityManager } from '@mikro-orm/postgresql';
import type { RealtimePresence, RelayedEvent } from '@cadenza/server/platform/realtime';
import type { ComputeDashboardCounters, DashboardPerson, DashboardReadModel, SchoolAlreadyRead } from '@cadenza/server/reporting/domain';
import { integrationEvent } from '@cadenza/shared/integration-events';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { CountersAudienceRouter } from './counters-audience-router.js';

const person = (id: string, roles: string[], safeguardingLead = false): DashboardPerson => ({ id: id as UserId, roles, safeguardingLead });

/** A booked lesson's event for teacher `t1` and student `s1` (guardian `g1`), in a school with admins `a1` and `a2`. */
function world(connected: string[]) {
  const computedFor: string[][] = [];
  const known: SchoolAlreadyRead[] = [];
  const reads = { admins: 0 };
  const readModel = {
    guardiansOf: async () => ['g1' as UserId],
    admins: async () => {
      reads.admins++;
      return [person('a1', ['admin']), person('a2', ['admin'], true)];
    },
    people: async (ids: readonly UserId[]) => ids.map((id) => person(id, [id.startsWith('t') ? 'teacher' : id.startsWith('g') ? 'parent' : 'student'])),
  } as unknown as DashboardReadModel;
  const compute = {
    execute: async (people: readonly DashboardPerson[], school: SchoolAlreadyRead = {}) => {
      computedFor.push(people.map((p) => p.id).sort());
      known.push(school);
      return new Map(people.map((p) => [p.id, { unread: 0 }]));
    },
  } as unknown as ComputeDashboardCounters;
  const presence = { connectedUsers: async (ids: Iterable<string>) => new Set([...ids].filter((id) => connected.includes(id))) } as unknown as RealtimePresence;
  const em = { transactional: <T>(work: () => Promise<T>) => work() } as unknown as EntityManager;
  const router = new CountersAudienceRouter(em, readModel, compute, presence);
  const booked: RelayedEvent = {
    id: 'e1',
    schoolId: asId('school'),
    occurredAt: new Date('2027-01-04T09:00:00Z'),
    ...integrationEvent('lesson.scheduled.v1', {
      actorId: null,
      lesson: { lessonId: asId('l1'), seriesId: null, teacherId: asId('t1'), studentIds: [asId('s1')], accompanistId: null, roomId: null, start: '2027-01-04T10:00:00.000Z', end: '2027-01-04T10:30:00.000Z' },
    }),
  };
  const flagged: RelayedEvent = {
    ...booked,
    id: 'e2',
    ...integrationEvent('message.flagged.v1', { actorId: asId('s1'), threadId: asId('th1'), flagId: asId('f1'), messageId: asId('m1'), flaggedBy: asId('s1') }),
  };
  const marked: RelayedEvent = {
    ...booked,
    id: 'e3',
    ...integrationEvent('attendance.register_changed.v1', {
      actorId: asId('t1'),
      lessonId: asId('l1'),
      teacherId: asId('t1'),
      accompanistId: null,
      studentIds: [asId('s1')],
      counts: { students: 1, present: 1, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 },
      startedAt: '2027-01-04T10:00:00.000Z',
      endedAt: null,
    }),
  };
  return { router, booked, flagged, marked, computedFor, known, reads };
}

describe('CountersAudienceRouter', () => {
  it('computes and pushes counters only for the affected people who are connected', async () => {
    const { router, booked, computedFor } = world(['a2', 'g1']);
    const deliveries = await router.route([booked]);
    expect(computedFor).toEqual([['a2', 'g1']]);
    expect(deliveries.map((d) => d.rooms).sort()).toEqual([['user:a2'], ['user:g1']]);
  });

  it('pushes the admins’ counters when a register changes, and nobody else’s', async () => {
    const { router, marked, computedFor } = world(['a1', 'a2', 't1', 's1', 'g1']);
    const deliveries = await router.route([marked]);
    expect(computedFor).toEqual([['a1', 'a2']]);
    expect(deliveries.map((d) => d.rooms).sort()).toEqual([['user:a1'], ['user:a2']]);
  });

  it('computes nothing when none of them is connected', async () => {
    const { router, booked, computedFor } = world(['someone-else']);
    expect(await router.route([booked])).toEqual([]);
    expect(computedFor).toEqual([]);
  });

  it("reads the school's admins once a batch and hands who receives the flags to the computation", async () => {
    const { router, booked, flagged, computedFor, known, reads } = world(['a1', 'a2']);
    await router.route([booked, flagged]);
    expect(reads.admins).toBe(1);
    expect(computedFor).toEqual([['a1', 'a2']]);
    expect(known).toEqual([{ flagRecipients: ['a2'] }]);
  });
});
