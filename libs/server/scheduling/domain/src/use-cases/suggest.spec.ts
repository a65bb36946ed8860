import fc from 'fast-check';
import { asId, DAY, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { findFreeSlots } from '../conflicts/free-slots.js';
import { Availability } from '../model/availability.js';
import { Lesson } from '../model/lesson.js';
import { RepositoryTimetableReads, TimetableReads, type TimetableRead, type TimetableReadQuery } from '../ports/timetable-reads.js';
import { InMemoryAvailability, InMemoryCalendar, InMemoryDirectory, InMemoryLessons, InMemoryLessonTypes, InMemoryRooms } from '../testing/in-memory.js';
import { localDateOf, startOfLocalDay } from '../time/zoned-time.js';
import { SUGGESTION_FIRST_DAYS, SUGGESTION_WINDOW_DAYS, Timetable } from './timetable.js';

const MIN = 60_000;
const school = newId<SchoolId>();
const T = asId<UserId>('00000000-0000-4000-8000-00000000000a');
const S = asId<UserId>('00000000-0000-4000-8000-00000000000b');
const OTHER = asId<UserId>('00000000-0000-4000-8000-00000000000c');

/** The reads go through, and are written down: their stretch of the timetable, in days. */
class CountedReads extends TimetableReads {
  readonly days: number[] = [];
  constructor(private readonly inner: TimetableReads) {
    super();
  }
  read(query: TimetableReadQuery): Promise<TimetableRead> {
    this.days.push((query.to.getTime() - query.from.getTime()) / DAY);
    return this.inner.read(query);
  }
}

async function world(lessons: { start: number; quarters: number; teacher: UserId; student: UserId }[], bufferMinutes: number) {
  const store = new InMemoryLessons();
  store.enforceExclusion = false;
  await store.add(lessons.map((l) => Lesson.schedule({ schoolId: school, teacherId: l.teacher, studentIds: [l.student], start: new Date(l.start), end: new Date(l.start + l.quarters * 15 * MIN) })));
  const availability = new InMemoryAvailability();
  const teacherHours = Availability.empty(school, T);
  teacherHours.setWeekly([1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '15:00', endTime: '19:00' })), bufferMinutes);
  await availability.save(teacherHours);
  const directory = new InMemoryDirectory('Europe/London');
  const reads = new RepositoryTimetableReads(store, availability, new InMemoryCalendar(), new InMemoryRooms(), new InMemoryLessonTypes(), directory);
  const counted = new CountedReads(reads);
  return { counted, reads, timetable: new Timetable(counted, new InMemoryRooms(), new InMemoryLessonTypes(), directory) };
}

describe('Timetable.suggest: the nearest days first', () => {
  const monday = Date.parse('2026-03-23T00:00:00Z'); // the week of the spring change in London

  it('answers exactly as a search of the whole window does, reading the nearest days alone when they are enough', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Up to 60 lessons over three weeks, some of the teacher's, some of the student's with another teacher.
        fc.array(fc.record({ step: fc.integer({ min: 0, max: 21 * 96 }), quarters: fc.integer({ min: 1, max: 12 }), mine: fc.boolean(), withS: fc.boolean() }), { maxLength: 60 }),
        fc.constantFrom(0, 15),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 9 * 96 }),
        fc.integer({ min: 1, max: 8 }),
        async (specs, buffer, quarters, nearStep, limit) => {
          const lessons = specs.map((s) => ({ start: monday + s.step * 15 * MIN, quarters: s.quarters, teacher: s.mine ? T : OTHER, student: s.withS ? S : asId<UserId>(newId()) }));
          const { counted, reads, timetable } = await world(lessons, buffer);
          const near = new Date(monday + nearStep * 15 * MIN);
          const now = new Date(monday);
          const got = await timetable.suggest({ teacherId: T, studentIds: [S], durationMinutes: quarters * 15, near, limit }, 'Europe/London', now);

          // The whole window, read and searched at once.
          const from = startOfLocalDay(localDateOf(near, 'Europe/London'), 'Europe/London');
          const to = new Date(from.getTime() + SUGGESTION_WINDOW_DAYS * DAY);
          const whole = await reads.read({ from: new Date(from.getTime() - DAY), to: new Date(to.getTime() + DAY), teacherIds: [T], studentIds: [S], accompanistIds: [], roomIds: [], staffIds: [T], closureDates: { from: '2026-03-01', to: '2026-05-01' } });
          const expected = findFreeSlots(
            { teacherId: T, studentIds: [S], durationMinutes: quarters * 15, from, to, limit },
            { lessons: whole.lessons, availability: new Map(whole.availability.map((a) => [a.personId as string, a])), terms: [], closures: [], timeZone: 'Europe/London' },
          );
          expect(got).toEqual(expected);
          // One read of the nearest days when they held enough; otherwise that and one of the whole window.
          expect(counted.days).toEqual(expected.filter((s) => s.end.getTime() <= from.getTime() + SUGGESTION_FIRST_DAYS * DAY).length >= limit ? [SUGGESTION_FIRST_DAYS + 2] : [SUGGESTION_FIRST_DAYS + 2, SUGGESTION_WINDOW_DAYS + 2]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
