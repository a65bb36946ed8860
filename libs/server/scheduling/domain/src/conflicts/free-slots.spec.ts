import fc from 'fast-check';
import { asId, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Availability } from '../model/availability.js';
import { checkConflicts, type ConflictContext, type TimetableEntry } from './conflict-checker.js';
import { findFreeSlots } from './free-slots.js';

const MIN = 60_000;
const school = newId<SchoolId>();
const iso = (d: { start: Date }) => d.start.toISOString();

function weekdays(startTime: string, endTime: string, bufferMinutes = 0, person = 'T'): Availability {
  const a = Availability.empty(school, asId<UserId>(person));
  a.setWeekly([1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime, endTime })), bufferMinutes);
  return a;
}

function lesson(id: string, start: string, minutes: number, over: Partial<TimetableEntry> = {}): TimetableEntry {
  const s = new Date(start);
  return { id, teacherId: 'T', studentIds: ['S'], roomId: null, accompanistId: null, status: 'scheduled', start: s, end: new Date(s.getTime() + minutes * MIN), ...over };
}

const ctx = (over: Partial<ConflictContext> = {}): ConflictContext => ({ lessons: [], availability: new Map(), terms: [], closures: [], timeZone: 'Europe/London', ...over });

describe('findFreeSlots', () => {
  it('gives the earliest quarter hours inside availability, around lessons and their buffers', () => {
    const context = ctx({ availability: new Map([['T', weekdays('15:00', '18:00', 15)]]), lessons: [lesson('L1', '2026-01-05T15:30:00Z', 60)] });
    const slots = findFreeSlots({ teacherId: 'T', durationMinutes: 30, from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z'), limit: 4 }, context);
    // 15:00-15:30 would end inside the 15-minute buffer before L1; after L1 (16:30) the buffer runs to 16:45.
    expect(slots.map(iso)).toEqual(['2026-01-05T16:45:00.000Z', '2026-01-05T17:00:00.000Z', '2026-01-05T17:15:00.000Z', '2026-01-05T17:30:00.000Z']);
    expect(slots[0].end.toISOString()).toBe('2026-01-05T17:15:00.000Z');
  });

  it("respects the student's lessons with other teachers, closures and terms, and the limit (5 by default)", () => {
    const context = ctx({
      availability: new Map([['T', weekdays('15:00', '17:00')]]),
      lessons: [lesson('L1', '2026-01-06T15:00:00Z', 60, { teacherId: 'OTHER', studentIds: ['S'] })],
      closures: [{ id: 'c', startDate: '2026-01-05', endDate: '2026-01-05' }],
      terms: [{ id: 't', startDate: '2026-01-06', endDate: '2026-03-27' }],
    });
    const slots = findFreeSlots({ teacherId: 'T', studentIds: ['S'], durationMinutes: 60, from: new Date('2026-01-04T00:00:00Z'), to: new Date('2026-01-10T00:00:00Z') }, context);
    expect(slots.map(iso)).toEqual(['2026-01-06T16:00:00.000Z', '2026-01-07T15:00:00.000Z', '2026-01-07T15:15:00.000Z', '2026-01-07T15:30:00.000Z', '2026-01-07T15:45:00.000Z']);
  });

  it('chooses the first free room that has the feature, and none when all are taken', () => {
    const context = ctx({
      availability: new Map([['T', weekdays('15:00', '16:00')]]),
      lessons: [lesson('L1', '2026-01-05T15:00:00Z', 60, { teacherId: 'X', studentIds: ['Y'], roomId: 'R1' })],
    });
    const query = { teacherId: 'T', durationMinutes: 60, from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') };
    expect(findFreeSlots({ ...query, rooms: [{ id: 'R1' }, { id: 'R2' }] }, context)).toEqual([{ start: new Date('2026-01-05T15:00:00Z'), end: new Date('2026-01-05T16:00:00Z'), roomId: 'R2' }]);
    expect(findFreeSlots({ ...query, rooms: [{ id: 'R1' }] }, context)).toEqual([]);
    expect(findFreeSlots({ ...query, rooms: [] }, context)).toEqual([]);
  });

  it('keeps wall-clock availability across a DST change (New York)', () => {
    const a = Availability.empty(school, asId<UserId>('T'));
    a.setWeekly([{ weekday: 1, startTime: '16:00', endTime: '17:00' }], 0);
    const context = ctx({ timeZone: 'America/New_York', availability: new Map([['T', a]]) });
    const slots = findFreeSlots({ teacherId: 'T', durationMinutes: 60, from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-17T00:00:00Z') }, context);
    expect(slots.map(iso)).toEqual(['2026-03-02T21:00:00.000Z', '2026-03-09T20:00:00.000Z', '2026-03-16T20:00:00.000Z']);
  });

  // Its speed is measured by the free-slot benchmark (tools/bench), not here.
  it('finds the requested number of slots in a busy four-week timetable', () => {
    const lessons: TimetableEntry[] = [];
    for (let day = 0; day < 28; day++) {
      const date = new Date(Date.UTC(2026, 0, 5 + day));
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      for (let k = 0; k < 5; k++) {
        lessons.push(lesson(`L${day}-${k}`, new Date(date.getTime() + (14 * 60 + k * 75) * MIN).toISOString(), 60, { studentIds: [`S${k}`], roomId: `R${k % 3}` }));
      }
    }
    const context = ctx({ lessons, availability: new Map([['T', weekdays('09:00', '21:00', 10)]]), terms: [{ id: 't', startDate: '2026-01-05', endDate: '2026-03-27' }] });
    const query = { teacherId: 'T', studentIds: ['S9'], durationMinutes: 45, from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z'), rooms: [{ id: 'R0' }, { id: 'R1' }, { id: 'R2' }], limit: 50 };
    const slots = findFreeSlots(query, context);
    expect(slots).toHaveLength(50);
    const busy = lessons.map((l) => [l.start.getTime(), l.end.getTime()]);
    for (const slot of slots) {
      expect(busy.some(([s, e]) => slot.start.getTime() < e && s < slot.end.getTime())).toBe(false);
    }
  });

  it('agrees with the conflict checker tried at every quarter hour (no conflict of any kind), on random timetables', () => {
    const base = Date.parse('2026-01-05T00:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.integer({ min: 0, max: 3 * 96 }), len: fc.integer({ min: 1, max: 8 }), teacher: fc.constantFrom('T', 'U'), student: fc.constantFrom('S', 'V') }), { maxLength: 15 }),
        fc.constantFrom(0, 10, 15),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (specs, buffer, lengthQuarters, withStudent) => {
          const lessons = specs.map((s, i) => lesson(`L${i}`, new Date(base + s.step * 15 * MIN).toISOString(), s.len * 15, { teacherId: s.teacher, studentIds: [s.student] }));
          const context = ctx({
            lessons,
            availability: new Map([['T', weekdays('08:00', '12:00', buffer)]]),
            closures: [{ id: 'c', startDate: '2026-01-06', endDate: '2026-01-06' }],
          });
          const from = new Date(base);
          const to = new Date(base + 3 * 24 * 60 * MIN);
          const durationMinutes = lengthQuarters * 15;
          const studentIds = withStudent ? ['S'] : [];
          const got = findFreeSlots({ teacherId: 'T', studentIds, durationMinutes, from, to, limit: 8 }, context).map(iso);
          const expected: string[] = [];
          for (let t = from.getTime(); t + durationMinutes * MIN <= to.getTime() && expected.length < 8; t += 15 * MIN) {
            const c = { start: new Date(t), end: new Date(t + durationMinutes * MIN), teacherId: 'T', studentIds };
            if (checkConflicts(c, context).length === 0) expected.push(new Date(t).toISOString());
          }
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
