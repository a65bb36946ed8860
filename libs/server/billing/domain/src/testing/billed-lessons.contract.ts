import { newId, type UserId } from '@cadenza/shared/kernel';
import type { BilledLesson } from '../model/billed-lesson.js';
import type { LessonId, LessonTypeId } from '../model/ids.js';
import type { BilledLessons } from '../ports/billed-lessons.js';

export interface BilledLessonsContractSubject {
  lessons: BilledLessons;
  /** At least 3 people of the school. */
  people: UserId[];
  /** A lesson type of the school. */
  lessonTypeId: LessonTypeId;
}

const at = (iso: string) => new Date(iso);

/** The contract of `BilledLessons`, run against the in-memory fake and the MikroORM adapter. */
export function billedLessonsContract(name: string, setup: () => Promise<BilledLessonsContractSubject>): void {
  describe(`BilledLessons contract: ${name}`, () => {
    let subject: BilledLessonsContractSubject;
    const lesson = (start: string, over: Partial<BilledLesson> = {}): BilledLesson => ({
      id: newId<LessonId>(),
      teacherId: subject.people[0],
      studentIds: [subject.people[1], subject.people[2]],
      start: at(start),
      end: new Date(at(start).getTime() + 30 * 60_000),
      status: 'scheduled',
      lateCancellation: false,
      deliveredAt: null,
      lessonTypeId: subject.lessonTypeId,
      ...over,
    });
    beforeEach(async () => {
      subject = await setup();
    });

    it('records a lesson and replaces it as it changes', async () => {
      const { lessons } = subject;
      const first = lesson('2027-01-07T16:00:00Z');
      await lessons.record(first);
      expect(await lessons.get(first.id)).toEqual(first);
      const delivered = { ...first, status: 'delivered' as const, deliveredAt: at('2027-01-07T16:31:00Z'), studentIds: [subject.people[1]] };
      await lessons.record(delivered);
      expect(await lessons.get(first.id)).toEqual(delivered);
      const cancelledLate = { ...first, status: 'cancelled' as const, lateCancellation: true };
      await lessons.record(cancelledLate);
      expect(await lessons.get(first.id)).toEqual(cancelledLate);
      expect(await lessons.get(newId<LessonId>())).toBeNull();
    });

    it('lists the lessons starting in a period, cancelled ones too, by start', async () => {
      const { lessons } = subject;
      const before = lesson('2026-12-31T23:59:00Z');
      const first = lesson('2027-01-01T00:00:00Z');
      const cancelled = lesson('2027-01-15T10:00:00Z', { status: 'cancelled' });
      const last = lesson('2027-01-31T23:30:00Z');
      const after = lesson('2027-02-01T00:00:00Z');
      for (const l of [after, cancelled, last, before, first]) await lessons.record(l);
      expect((await lessons.startingBetween(at('2027-01-01T00:00:00Z'), at('2027-02-01T00:00:00Z'))).map((l) => l.id)).toEqual([first.id, cancelled.id, last.id]);
    });

    it('lists some students’ lessons in a period, and lessons by id', async () => {
      const { lessons, people } = subject;
      const theirs = lesson('2027-01-05T10:00:00Z', { studentIds: [people[1]] });
      const both = lesson('2027-01-06T10:00:00Z', { lessonTypeId: null });
      const others = lesson('2027-01-07T10:00:00Z', { studentIds: [people[2]] });
      const later = lesson('2027-02-07T10:00:00Z', { studentIds: [people[1]] });
      for (const l of [later, others, both, theirs]) await lessons.record(l);
      const jan = [at('2027-01-01T00:00:00Z'), at('2027-02-01T00:00:00Z')] as const;
      expect(await lessons.forStudents([people[1]], ...jan)).toEqual([theirs, both]);
      expect((await lessons.forStudents([people[1], people[2]], ...jan)).map((l) => l.id)).toEqual([theirs.id, both.id, others.id]);
      expect(await lessons.forStudents([], ...jan)).toEqual([]);
      expect((await lessons.byIds([later.id, others.id, newId<LessonId>()])).map((l) => l.id).sort()).toEqual([later.id, others.id].sort());
    });
  });
}
