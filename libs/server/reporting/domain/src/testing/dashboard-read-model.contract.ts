import { DAY, HOUR, Interval, asId, type UserId } from '@cadenza/shared/kernel';
import type { DashboardReadModel } from '../ports/dashboard-read-model.js';
import type { DashboardWorld } from './in-memory-dashboard-read-model.js';

const id = () => asId<UserId>(globalThis.crypto.randomUUID());
const at = (iso: string) => new Date(iso);

/** A school in Europe/London at 12:00 on 23 November 2026, with a little of everything the dashboards count. */
export function contractWorld() {
  const [admin, otherAdmin, teacher, accompanist, student1, student2, parent1, parent2, stranger, teacher2, student3, student4] = Array.from({ length: 12 }, id);
  const [room1, room2, room3] = [globalThis.crypto.randomUUID(), globalThis.crypto.randomUUID(), globalThis.crypto.randomUUID()];
  const [thread1, thread2] = [globalThis.crypto.randomUUID(), globalThis.crypto.randomUUID()];
  const [running, halfMarked, complete, endedEarly, startedEarly] = Array.from({ length: 5 }, () => globalThis.crypto.randomUUID());
  const lesson = (over: Partial<DashboardWorld['lessons'][number]> & { start: Date; end: Date }): DashboardWorld['lessons'][number] => ({
    id: globalThis.crypto.randomUUID(),
    teacherId: teacher,
    accompanistId: null,
    studentIds: [student1],
    roomId: null,
    cancelled: false,
    ...over,
  });
  const world: DashboardWorld = {
    timeZone: 'Europe/London',
    people: [
      { id: admin, roles: ['admin'], safeguardingLead: true },
      { id: otherAdmin, roles: ['admin', 'teacher'], safeguardingLead: false },
      { id: teacher, roles: ['teacher'], safeguardingLead: false },
      { id: accompanist, roles: ['accompanist'], safeguardingLead: false },
      { id: student1, roles: ['student'], safeguardingLead: false },
      { id: student2, roles: ['student'], safeguardingLead: false },
      { id: parent1, roles: ['parent'], safeguardingLead: false },
      { id: parent2, roles: ['parent'], safeguardingLead: false },
      { id: teacher2, roles: ['teacher'], safeguardingLead: false },
      { id: student3, roles: ['student'], safeguardingLead: false },
      { id: student4, roles: ['student'], safeguardingLead: false },
    ],
    guardians: [
      { guardianId: parent1, childId: student1, access: 'full' },
      { guardianId: parent2, childId: student2, access: 'view' },
    ],
    rooms: [
      { id: room1, active: true },
      { id: room2, active: true },
      { id: room3, active: false },
    ],
    lessons: [
      // Running now in room 1.
      lesson({ id: running, roomId: room1, start: at('2026-11-23T11:30:00Z'), end: at('2026-11-23T12:30:00Z') }),
      // Later today in room 2, with the accompanist.
      lesson({ roomId: room2, accompanistId: accompanist, studentIds: [student2], start: at('2026-11-23T15:00:00Z'), end: at('2026-11-23T16:00:00Z') }),
      // Cancelled: counts nowhere, and leaves its room free.
      lesson({ roomId: room2, cancelled: true, start: at('2026-11-23T11:45:00Z'), end: at('2026-11-23T12:45:00Z') }),
      // Yesterday, tomorrow, a group lesson in two days (one lesson for both students), and one beyond a week.
      lesson({ studentIds: [student2], start: at('2026-11-22T10:00:00Z'), end: at('2026-11-22T11:00:00Z') }),
      lesson({ start: at('2026-11-24T10:00:00Z'), end: at('2026-11-24T11:00:00Z') }),
      lesson({ studentIds: [student1, student2], start: at('2026-11-25T10:00:00Z'), end: at('2026-11-25T11:00:00Z') }),
      lesson({ studentIds: [student1, student2], start: at('2026-12-01T10:00:00Z'), end: at('2026-12-01T11:00:00Z') }),
      // teacher2's day, for the registers: this morning, a register half marked and one complete; a lesson ended
      // early; one started early.
      lesson({ id: halfMarked, teacherId: teacher2, studentIds: [student3, student4], start: at('2026-11-23T09:00:00Z'), end: at('2026-11-23T10:00:00Z') }),
      lesson({ id: complete, teacherId: teacher2, studentIds: [student4], start: at('2026-11-23T08:00:00Z'), end: at('2026-11-23T08:45:00Z') }),
      lesson({ id: endedEarly, teacherId: teacher2, studentIds: [student3], start: at('2026-11-23T11:00:00Z'), end: at('2026-11-23T12:30:00Z') }),
      lesson({ id: startedEarly, teacherId: teacher2, studentIds: [student3], start: at('2026-11-23T12:30:00Z'), end: at('2026-11-23T13:00:00Z') }),
    ],
    registers: [
      { lessonId: running, startedAt: at('2026-11-23T11:32:00Z'), endedAt: null, marks: [{ studentId: student1, status: 'present' }] },
      { lessonId: halfMarked, startedAt: at('2026-11-23T09:01:00Z'), endedAt: null, marks: [{ studentId: student3, status: 'present' }] },
      { lessonId: complete, startedAt: null, endedAt: null, marks: [{ studentId: student4, status: 'absent_no_notice' }] },
      { lessonId: endedEarly, startedAt: at('2026-11-23T11:00:00Z'), endedAt: at('2026-11-23T11:50:00Z'), marks: [{ studentId: student3, status: 'present' }] },
      { lessonId: startedEarly, startedAt: at('2026-11-23T11:58:00Z'), endedAt: null, marks: [{ studentId: student3, status: 'late' }] },
    ],
    requests: [
      { id: globalThis.crypto.randomUUID(), status: 'pending', studentId: student1, teacherId: teacher },
      { id: globalThis.crypto.randomUUID(), status: 'pending', studentId: student2, teacherId: teacher },
      { id: globalThis.crypto.randomUUID(), status: 'approved', studentId: student1, teacherId: teacher },
      { id: globalThis.crypto.randomUUID(), status: 'countered', studentId: student1, teacherId: teacher },
    ],
    threads: [
      // The teacher wrote twice, parent1 once; parent1 had read the first message.
      { id: thread1, participantIds: [teacher, parent1, student1], authors: [teacher, teacher, parent1], reads: { [parent1]: 1 } },
      // The teacher wrote to the admin.
      { id: thread2, participantIds: [admin, teacher], authors: [teacher], reads: { [teacher]: 1 } },
    ],
    flags: [{ threadId: thread1, seq: 1, flaggedBy: parent1 }],
  };
  return { world, admin, otherAdmin, teacher, accompanist, student1, student2, parent1, parent2, stranger };
}

/** The instant the contract world is read at, and its school day. */
export const CONTRACT_NOW = at('2026-11-23T12:00:00Z');
const DAY_OF_NOW = Interval.of(at('2026-11-23T00:00:00Z'), at('2026-11-24T00:00:00Z'));

/**
 * The contract every `DashboardReadModel` keeps. `setup` seeds the world (the SQL adapter
 * also seeds a copy into another school, which must never be counted) and returns the model
 * with the world's school in force.
 */
export function dashboardReadModelContract(name: string, setup: (world: DashboardWorld) => Promise<DashboardReadModel>): void {
  describe(`DashboardReadModel contract: ${name}`, () => {
    let model: DashboardReadModel;
    let w: ReturnType<typeof contractWorld>;

    beforeEach(async () => {
      w = contractWorld();
      model = await setup(w.world);
    });

    it('knows the time zone, the people asked for and the admins', async () => {
      expect(await model.timeZone()).toBe('Europe/London');
      const people = await model.people([w.admin, w.teacher, w.stranger]);
      expect(people.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          { id: w.admin, roles: ['admin'], safeguardingLead: true },
          { id: w.teacher, roles: ['teacher'], safeguardingLead: false },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
      const admins = await model.admins();
      expect(admins.map((a) => [a.id, a.safeguardingLead]).sort()).toEqual(
        [
          [w.admin, true],
          [w.otherAdmin, false],
        ].sort(),
      );
    });

    it("names the school's lead as the one who receives its flags", async () => {
      expect(await model.flagRecipients()).toEqual([w.admin]);
    });

    it('names every admin as receiving the flags of a school without a lead', async () => {
      const other = contractWorld();
      for (const person of other.world.people) person.safeguardingLead = false;
      const withoutLead = await setup(other.world);
      expect((await withoutLead.flagRecipients()).sort()).toEqual([other.admin, other.otherAdmin].sort());
    });

    it('finds guardians and children, whatever the access level', async () => {
      expect((await model.guardiansOf([w.student1, w.student2])).sort()).toEqual([w.parent1, w.parent2].sort());
      expect(await model.guardiansOf([w.teacher])).toEqual([]);
      const children = await model.childrenOf([w.parent1, w.parent2, w.teacher]);
      expect(Object.fromEntries(children)).toEqual({ [w.parent1]: [w.student1], [w.parent2]: [w.student2] });
    });

    it('counts the school: lessons today, in progress and checked in, registers missing, free active rooms, pending requests, flags', async () => {
      // In progress at noon: the lesson running in room 1 and the one started early (not the one ended early), a
      // student checked in to each; the half-marked register of the morning is missing, the complete one is not.
      expect(await model.schoolFigures(DAY_OF_NOW, CONTRACT_NOW)).toEqual({
        lessonsToday: 6,
        lessonsInProgress: 2,
        checkedInNow: 2,
        registersMissingToday: 1,
        freeRoomsNow: 1,
        pendingRequests: 2,
        flags: 1,
      });
      // At 15:30 the second lesson runs in room 2; at 16:00 it has ended, unmarked, and both rooms are free.
      expect(await model.schoolFigures(DAY_OF_NOW, at('2026-11-23T15:30:00Z'))).toEqual(expect.objectContaining({ lessonsInProgress: 1, checkedInNow: 0, registersMissingToday: 1, freeRoomsNow: 1 }));
      expect(await model.schoolFigures(DAY_OF_NOW, at('2026-11-23T16:00:00Z'))).toEqual(expect.objectContaining({ lessonsInProgress: 0, registersMissingToday: 2, freeRoomsNow: 2 }));
    });

    it('counts lessons per audience, each lesson once, cancelled ones never', async () => {
      const week = Interval.of(CONTRACT_NOW, new Date(CONTRACT_NOW.getTime() + 7 * DAY));
      const today = await model.lessonCounts(
        new Map([
          [w.teacher, [w.teacher]],
          [w.accompanist, [w.accompanist]],
          [w.admin, [w.admin]],
        ]),
        DAY_OF_NOW,
      );
      expect(Object.fromEntries(today)).toEqual({ [w.teacher]: 2, [w.accompanist]: 1, [w.admin]: 0 });
      const upcoming = await model.lessonCounts(
        new Map([
          [w.student1, [w.student1]],
          [w.student2, [w.student2]],
          [w.parent1, [w.student1, w.student2]],
          [w.parent2, []],
        ]),
        week,
      );
      // student1: the running lesson, tomorrow's, the group lesson; student2: this afternoon's and the group lesson.
      expect(Object.fromEntries(upcoming)).toEqual({ [w.student1]: 3, [w.student2]: 2, [w.parent1]: 4, [w.parent2]: 0 });
      const later = await model.lessonCounts(new Map([[w.student1, [w.student1]]]), Interval.of(new Date(CONTRACT_NOW.getTime() + HOUR), week.end));
      expect(later.get(w.student1)).toBe(2);
    });

    it('counts unread messages: others’ messages after the reader’s mark, in threads they are in', async () => {
      const unread = await model.unreadMessages([w.admin, w.otherAdmin, w.teacher, w.student1, w.parent1]);
      expect(Object.fromEntries(unread)).toEqual({ [w.admin]: 1, [w.otherAdmin]: 0, [w.teacher]: 1, [w.student1]: 3, [w.parent1]: 1 });
    });
  });
}
