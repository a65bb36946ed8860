import { newId, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';

export interface AttendedLessonsContractSubject {
  lessons: AttendedLessons;
  /** At least 4 people of the school. */
  people: UserId[];
}

const at = (iso: string) => new Date(iso);

/** The contract of `AttendedLessons`, run against the in-memory fake and the MikroORM adapter. */
export function attendedLessonsContract(name: string, setup: () => Promise<AttendedLessonsContractSubject>): void {
  describe(`AttendedLessons contract: ${name}`, () => {
    let subject: AttendedLessonsContractSubject;
    let teacher: UserId, accompanist: UserId, s1: UserId, s2: UserId;
    const lesson = (over: Partial<AttendedLesson> & { start: Date; end: Date }): AttendedLesson => ({
      id: newId<LessonId>(),
      teacherId: teacher,
      accompanistId: null,
      studentIds: [s1],
      cancelled: false,
      ...over,
    });
    beforeEach(async () => {
      subject = await setup();
      [teacher, accompanist, s1, s2] = subject.people;
    });

    it('records a lesson and replaces it when it moves or is cancelled', async () => {
      const { lessons } = subject;
      const first = lesson({ start: at('2026-12-07T16:00:00Z'), end: at('2026-12-07T16:45:00Z') });
      await lessons.record(first);
      expect(await lessons.get(first.id)).toEqual(first);
      const moved = { ...first, start: at('2026-12-08T10:00:00Z'), end: at('2026-12-08T11:00:00Z'), studentIds: [s1, s2], accompanistId: accompanist };
      await lessons.record(moved);
      expect(await lessons.get(first.id)).toEqual(moved);
      await lessons.record({ ...moved, cancelled: true });
      expect((await lessons.get(first.id))?.cancelled).toBe(true);
      expect(await lessons.get(newId<LessonId>())).toBeNull();
    });

    it('lists the lessons overlapping a period by start, all or a teacher’s or accompanist’s', async () => {
      const { lessons } = subject;
      const before = lesson({ start: at('2026-12-07T07:00:00Z'), end: at('2026-12-07T08:00:00Z') });
      const spanning = lesson({ start: at('2026-12-07T08:30:00Z'), end: at('2026-12-07T09:30:00Z') });
      const inside = lesson({ teacherId: s2, accompanistId: accompanist, start: at('2026-12-07T12:00:00Z'), end: at('2026-12-07T13:00:00Z'), cancelled: true });
      const early = lesson({ teacherId: s2, start: at('2026-12-07T10:00:00Z'), end: at('2026-12-07T11:00:00Z') });
      const after = lesson({ start: at('2026-12-07T18:00:00Z'), end: at('2026-12-07T19:00:00Z') });
      for (const l of [before, spanning, inside, early, after]) await lessons.record(l);
      const period = { from: at('2026-12-07T09:00:00Z'), to: at('2026-12-07T18:00:00Z') };
      expect((await lessons.between(period)).map((l) => l.id)).toEqual([spanning.id, early.id, inside.id]);
      expect((await lessons.between({ ...period, staffId: teacher })).map((l) => l.id)).toEqual([spanning.id]);
      expect((await lessons.between({ ...period, staffId: accompanist })).map((l) => l.id)).toEqual([inside.id]);
    });

    it('lists a student’s lessons only when asked for one', async () => {
      const { lessons } = subject;
      const both = lesson({ studentIds: [s1, s2], start: at('2026-12-07T10:00:00Z'), end: at('2026-12-07T11:00:00Z') });
      const theirs = lesson({ studentIds: [s2], start: at('2026-12-07T12:00:00Z'), end: at('2026-12-07T13:00:00Z') });
      const mine = lesson({ studentIds: [s1], start: at('2026-12-07T14:00:00Z'), end: at('2026-12-07T15:00:00Z'), cancelled: true });
      for (const l of [both, theirs, mine]) await lessons.record(l);
      const day = { from: at('2026-12-07T00:00:00Z'), to: at('2026-12-08T00:00:00Z') };
      expect((await lessons.between({ ...day, studentId: s1 })).map((l) => l.id)).toEqual([both.id, mine.id]);
      expect((await lessons.between({ ...day, studentId: s2, staffId: teacher })).map((l) => l.id)).toEqual([both.id, theirs.id]);
      expect(await lessons.between({ ...day, studentId: accompanist })).toEqual([]);
    });
  });
}
