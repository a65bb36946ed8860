import { newId, type UserId } from '@cadenza/shared/kernel';
import type { FeedLesson } from '../model/feed-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { FeedLessons } from '../ports/feed-lessons.js';

export interface FeedLessonsContractSubject {
  lessons: FeedLessons;
  /** At least 5 people of the school. */
  people: UserId[];
}

const at = (iso: string) => new Date(iso);

/** The contract of `FeedLessons`, run against the in-memory fake and the MikroORM adapter. */
export function feedLessonsContract(name: string, setup: () => Promise<FeedLessonsContractSubject>): void {
  describe(`FeedLessons contract: ${name}`, () => {
    let subject: FeedLessonsContractSubject;
    const lesson = (start: string, over: Partial<FeedLesson> = {}): FeedLesson => ({
      id: newId<LessonId>(),
      teacherId: subject.people[0],
      accompanistId: null,
      studentIds: [subject.people[1]],
      roomId: null,
      start: at(start),
      end: new Date(at(start).getTime() + 30 * 60_000),
      cancelled: false,
      changedAt: at('2027-01-01T08:00:00Z'),
      ...over,
    });
    beforeEach(async () => {
      subject = await setup();
    });

    it('records a lesson and replaces it as it changes', async () => {
      const { lessons, people } = subject;
      const first = lesson('2027-01-07T16:00:00Z');
      await lessons.record(first);
      expect(await lessons.get(first.id)).toEqual(first);
      const moved = { ...first, start: at('2027-01-08T16:00:00Z'), end: at('2027-01-08T16:45:00Z'), accompanistId: people[2], studentIds: [people[1], people[3]], changedAt: at('2027-01-02T08:00:00Z') };
      await lessons.record(moved);
      expect(await lessons.get(first.id)).toEqual(moved);
      const cancelled = { ...moved, cancelled: true, changedAt: at('2027-01-03T08:00:00Z') };
      await lessons.record(cancelled);
      expect(await lessons.get(first.id)).toEqual(cancelled);
      expect(await lessons.get(newId<LessonId>())).toBeNull();
    });

    it('lists the lessons people teach, accompany or take from a time on, cancelled ones too, by start', async () => {
      const { lessons, people } = subject;
      const [teacher, student, accompanist, other, stranger] = people;
      const past = lesson('2027-01-01T10:00:00Z');
      const taught = lesson('2027-01-10T10:00:00Z');
      const accompanied = lesson('2027-01-09T10:00:00Z', { teacherId: other, accompanistId: accompanist, studentIds: [other] });
      const taken = lesson('2027-01-11T10:00:00Z', { teacherId: other, studentIds: [other, student], cancelled: true });
      const unrelated = lesson('2027-01-12T10:00:00Z', { teacherId: other, studentIds: [stranger] });
      for (const l of [unrelated, taken, past, taught, accompanied]) await lessons.record(l);
      const from = at('2027-01-05T00:00:00Z');
      expect((await lessons.involving([teacher], from)).map((l) => l.id)).toEqual([taught.id]);
      expect((await lessons.involving([accompanist], from)).map((l) => l.id)).toEqual([accompanied.id]);
      expect((await lessons.involving([student], from)).map((l) => l.id)).toEqual([taught.id, taken.id]);
      expect((await lessons.involving([accompanist, student], from)).map((l) => l.id)).toEqual([accompanied.id, taught.id, taken.id]);
      expect((await lessons.involving([student], at('2026-12-31T00:00:00Z'))).map((l) => l.id)).toEqual([past.id, taught.id, taken.id]);
      expect(await lessons.involving([], from)).toEqual([]);
    });
  });
}
