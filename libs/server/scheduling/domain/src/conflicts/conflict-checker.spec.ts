import fc from 'fast-check';
import { asId, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Availability } from '../model/availability.js';
import { checkConflicts, hardConflicts, type ConflictCandidate, type ConflictContext, type TimetableEntry } from './conflict-checker.js';

const MIN = 60_000;
const school = newId<SchoolId>();
const at = (iso: string) => new Date(iso);
const id = (s: string) => asId<UserId>(s);

function entry(over: Partial<TimetableEntry> & { id: string; start: Date; end: Date }): TimetableEntry {
  return { teacherId: 'T', studentIds: ['S'], roomId: null, accompanistId: null, status: 'scheduled', ...over };
}

function context(lessons: TimetableEntry[], extra: Partial<ConflictContext> = {}): ConflictContext {
  return { lessons, availability: new Map(), terms: [], closures: [], timeZone: 'Europe/London', ...extra };
}

const candidate = (start: string, end: string, over: Partial<ConflictCandidate> = {}): ConflictCandidate => ({
  start: at(start),
  end: at(end),
  teacherId: 'T',
  studentIds: ['S'],
  ...over,
});

describe('checkConflicts', () => {
  const busy = entry({ id: 'L1', start: at('2026-01-05T16:00:00Z'), end: at('2026-01-05T17:00:00Z'), roomId: 'R1' });

  it('finds the teacher, a student and the room busy, with the other lesson and its times', () => {
    const found = checkConflicts(candidate('2026-01-05T16:30:00Z', '2026-01-05T17:30:00Z', { roomId: 'R1' }), context([busy]));
    expect(found.map((c) => [c.kind, c.severity, c.id])).toEqual([
      ['teacher', 'hard', 'L1'],
      ['student', 'hard', 'L1'],
      ['room', 'hard', 'L1'],
    ]);
    expect(found[0].start).toEqual(busy.start);
    expect(found[0].end).toEqual(busy.end);
  });

  it('treats intervals as half-open, ignores cancelled and excluded lessons', () => {
    expect(checkConflicts(candidate('2026-01-05T17:00:00Z', '2026-01-05T18:00:00Z'), context([busy]))).toEqual([]);
    expect(checkConflicts(candidate('2026-01-05T16:00:00Z', '2026-01-05T17:00:00Z'), context([{ ...busy, status: 'cancelled' }]))).toEqual([]);
    expect(checkConflicts(candidate('2026-01-05T16:00:00Z', '2026-01-05T17:00:00Z', { excludeLessonIds: ['L1'] }), context([busy]))).toEqual([]);
  });

  it('counts a person busy in any role: the teacher accompanying elsewhere, the accompanist teaching', () => {
    const other = entry({ id: 'L2', start: busy.start, end: busy.end, teacherId: 'X', studentIds: ['Y'], accompanistId: 'T' });
    expect(hardConflicts(candidate('2026-01-05T16:00:00Z', '2026-01-05T16:30:00Z', { studentIds: ['Z'] }), context([other])).map((c) => c.kind)).toEqual(['teacher']);
    const taught = entry({ id: 'L3', start: busy.start, end: busy.end, teacherId: 'A', studentIds: ['Y'] });
    expect(hardConflicts(candidate('2026-01-05T16:00:00Z', '2026-01-05T16:30:00Z', { studentIds: ['Z'], accompanistId: 'A' }), context([taught])).map((c) => c.kind)).toEqual(['accompanist']);
  });

  it("refuses a lesson inside the teacher's changeover buffer, on either side", () => {
    const availability = new Map([['T', Availability.restore({ schoolId: school, personId: id('T'), windows: [], exceptions: [], bufferMinutes: 15 })]]);
    const ctx = { ...context([busy]), availability, terms: [] };
    const after = hardConflicts(candidate('2026-01-05T17:10:00Z', '2026-01-05T17:40:00Z', { studentIds: ['Z'] }), ctx);
    expect(after.map((c) => [c.kind, c.id])).toEqual([['buffer', 'L1']]);
    const before = hardConflicts(candidate('2026-01-05T15:00:00Z', '2026-01-05T15:50:00Z', { studentIds: ['Z'] }), ctx);
    expect(before.map((c) => c.kind)).toEqual(['buffer']);
    expect(hardConflicts(candidate('2026-01-05T17:15:00Z', '2026-01-05T17:45:00Z', { studentIds: ['Z'] }), ctx)).toEqual([]);
  });

  it('reports soft conflicts: closure, outside the terms, outside the availability', () => {
    const availability = new Map([
      ['T', Availability.restore({ schoolId: school, personId: id('T'), windows: [{ weekday: 1, startTime: '15:00', endTime: '18:00' }], exceptions: [], bufferMinutes: 0 })],
    ]);
    const ctx = context([], {
      availability,
      terms: [{ id: 'spring', startDate: '2026-01-05', endDate: '2026-03-27' }],
      closures: [{ id: 'snow', startDate: '2026-01-12', endDate: '2026-01-12' }],
    });
    expect(checkConflicts(candidate('2026-01-05T16:00:00Z', '2026-01-05T17:00:00Z'), ctx)).toEqual([]);
    expect(checkConflicts(candidate('2026-01-05T17:30:00Z', '2026-01-05T18:30:00Z'), ctx).map((c) => c.kind)).toEqual(['outside_availability']);
    expect(checkConflicts(candidate('2026-01-12T16:00:00Z', '2026-01-12T17:00:00Z'), ctx).map((c) => [c.kind, c.id])).toEqual([['closure', 'snow']]);
    const summer = checkConflicts(candidate('2026-04-06T15:00:00Z', '2026-04-06T16:00:00Z'), ctx);
    expect(summer.map((c) => c.kind)).toEqual(['outside_term']);
    expect(summer.every((c) => c.severity === 'soft')).toBe(true);
  });

  it('applies availability exceptions: a day off, a blocked span, an extra span', () => {
    const a = Availability.empty(school, id('T'));
    a.setWeekly([{ weekday: 1, startTime: '15:00', endTime: '18:00' }], 0);
    a.addException({ date: '2026-01-12', kind: 'unavailable' });
    a.addException({ date: '2026-01-19', kind: 'unavailable', startTime: '16:00', endTime: '17:00' });
    a.addException({ date: '2026-01-20', kind: 'available', startTime: '10:00', endTime: '11:00' });
    const ctx = context([], { availability: new Map([['T', a]]) });
    const kinds = (s: string, e: string) => checkConflicts(candidate(s, e), ctx).map((c) => c.kind);
    expect(kinds('2026-01-12T15:00:00Z', '2026-01-12T16:00:00Z')).toEqual(['outside_availability']);
    expect(kinds('2026-01-19T15:00:00Z', '2026-01-19T16:00:00Z')).toEqual([]);
    expect(kinds('2026-01-19T15:30:00Z', '2026-01-19T16:30:00Z')).toEqual(['outside_availability']);
    expect(kinds('2026-01-20T10:00:00Z', '2026-01-20T11:00:00Z')).toEqual([]);
  });
});

/**
 * The oracle: minute by minute, with no interval arithmetic. A person or room is busy at a
 * minute when a live lesson holds it; a buffer conflict is a minute of the candidate inside the
 * buffer after another lesson of the teacher/accompanist, or a minute of that lesson inside the
 * buffer after the candidate, when the two do not overlap.
 */
function oracle(c: ConflictCandidate, lessons: TimetableEntry[], buffers: Record<string, number>): string[] {
  const out = new Set<string>();
  const minutes = (s: Date, e: Date) => {
    const list: number[] = [];
    for (let t = s.getTime(); t < e.getTime(); t += MIN) list.push(t);
    return list;
  };
  const cMinutes = minutes(c.start, c.end);
  for (const l of lessons) {
    if (l.status === 'cancelled' || c.excludeLessonIds?.includes(l.id)) continue;
    const lMinutes = new Set(minutes(l.start, l.end));
    const shared = cMinutes.some((t) => lMinutes.has(t));
    const people = [l.teacherId, ...l.studentIds, ...(l.accompanistId ? [l.accompanistId] : [])];
    if (shared) {
      if (people.includes(c.teacherId)) out.add(`teacher:${l.id}`);
      if (c.studentIds.some((s) => people.includes(s))) out.add(`student:${l.id}`);
      if (c.roomId && l.roomId === c.roomId) out.add(`room:${l.id}`);
      if (c.accompanistId && people.includes(c.accompanistId)) out.add(`accompanist:${l.id}`);
      continue;
    }
    for (const p of [c.teacherId, c.accompanistId]) {
      const b = p ? (buffers[p] ?? 0) : 0;
      if (!p || b === 0 || !people.includes(p)) continue;
      const afterLesson = new Set(minutes(l.end, new Date(l.end.getTime() + b * MIN)));
      const afterCandidate = new Set(minutes(c.end, new Date(c.end.getTime() + b * MIN)));
      if (cMinutes.some((t) => afterLesson.has(t)) || [...lMinutes].some((t) => afterCandidate.has(t))) out.add(`buffer:${l.id}`);
    }
  }
  return [...out].sort();
}

describe('checkConflicts agrees with a brute-force oracle', () => {
  const base = Date.parse('2026-01-05T08:00:00Z');
  const people = ['P1', 'P2', 'P3', 'P4', 'P5'];
  const slot = fc.record({ startStep: fc.integer({ min: 0, max: 40 }), lengthSteps: fc.integer({ min: 1, max: 12 }) });
  const lessonArb = fc.record({
    slot,
    teacher: fc.constantFrom(...people),
    students: fc.subarray(people, { minLength: 1, maxLength: 2 }),
    accompanist: fc.option(fc.constantFrom(...people), { nil: null }),
    room: fc.option(fc.constantFrom('R1', 'R2'), { nil: null }),
    cancelled: fc.boolean(),
  });
  const toTimes = (s: { startStep: number; lengthSteps: number }) => ({ start: new Date(base + s.startStep * 5 * MIN), end: new Date(base + (s.startStep + s.lengthSteps) * 5 * MIN) });

  it('on random small timetables (hard conflicts)', () => {
    fc.assert(
      fc.property(
        fc.array(lessonArb, { maxLength: 12 }),
        lessonArb,
        fc.record({ P1: fc.constantFrom(0, 5, 10, 15), P2: fc.constantFrom(0, 10), P3: fc.constantFrom(0, 5) }),
        fc.array(fc.nat(11), { maxLength: 2 }),
        (specs, cand, buffers, excludeIdx) => {
          const lessons: TimetableEntry[] = specs.map((s, i) => ({
            id: `L${i}`,
            teacherId: s.teacher,
            studentIds: s.students.filter((p) => p !== s.teacher),
            accompanistId: s.accompanist,
            roomId: s.room,
            status: s.cancelled ? 'cancelled' : 'scheduled',
            ...toTimes(s.slot),
          }));
          const c: ConflictCandidate = {
            ...toTimes(cand.slot),
            teacherId: cand.teacher,
            studentIds: cand.students.filter((p) => p !== cand.teacher),
            accompanistId: cand.accompanist === cand.teacher ? null : cand.accompanist,
            roomId: cand.room,
            excludeLessonIds: excludeIdx.map((i) => `L${i}`),
          };
          const availability = new Map(
            Object.entries(buffers).map(([p, b]) => [p, Availability.restore({ schoolId: school, personId: id(p), windows: [], exceptions: [], bufferMinutes: b })]),
          );
          const got = hardConflicts(c, { lessons, availability })
            .map((x) => `${x.kind}:${x.id}`)
            .sort();
          expect(got).toEqual(oracle(c, lessons, buffers));
        },
      ),
      { numRuns: 500 },
    );
  });
});
