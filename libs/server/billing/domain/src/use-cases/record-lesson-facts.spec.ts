import { integrationEvent, outgoingEvent, type StoredEvent } from '@cadenza/shared/integration-events';
import { newId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { isCharged, lessonMinutes, type BilledLesson } from '../model/billed-lesson.js';
import type { LessonId, LessonTypeId } from '../model/ids.js';
import { billingWorld } from '../testing/billing-world.js';

const school = newId<SchoolId>();
const teacher = newId<UserId>();
const student = newId<UserId>();
const lessonId = newId<Id<'Lesson'>>();
const pianoType = newId<LessonTypeId>();
const occurred = new Date('2026-12-20T10:00:00Z');
const stored = (event: Parameters<typeof outgoingEvent>[2]): StoredEvent => ({ ...outgoingEvent(school, occurred, event), id: newId() }) as StoredEvent;
const lessonV1 = (start: string, end: string) => ({ lessonId, seriesId: null, teacherId: teacher, studentIds: [student], accompanistId: null, roomId: null, start, end });

const scheduled = stored(integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: lessonV1('2027-01-07T16:00:00Z', '2027-01-07T16:30:00Z') }));
const moved = stored(integrationEvent('lesson.moved.v1', { actorId: null, lesson: lessonV1('2027-01-08T17:00:00Z', '2027-01-08T17:45:00Z'), previous: { start: '2027-01-07T16:00:00Z', end: '2027-01-07T16:30:00Z', roomId: null } }));
const cancelled = (late: boolean) => stored(integrationEvent('lesson.cancelled.v1', { actorId: student, lesson: lessonV1('2027-01-08T17:00:00Z', '2027-01-08T17:45:00Z'), reason: 'ill', late, creditGranted: false }));
const counts = { students: 1, present: 1, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 };
const delivered = stored(
  integrationEvent('attendance.lesson_delivered.v1', { actorId: teacher, lessonId, teacherId: teacher, accompanistId: null, studentIds: [student], start: '2027-01-08T17:00:00Z', end: '2027-01-08T17:45:00Z', startedAt: null, deliveredAt: '2027-01-08T17:46:00Z', counts }),
);
const withdrawn = stored(integrationEvent('attendance.lesson_delivery_withdrawn.v1', { actorId: null, lessonId, teacherId: teacher, accompanistId: null, withdrawnAt: '2027-01-09T09:00:00Z' }));
const unrelated = stored(integrationEvent('thread.read.v1', { threadId: newId(), userId: student, lastReadSeq: 1 } as never));

async function after(...events: StoredEvent[]): Promise<BilledLesson | null> {
  const { useCases, ports } = billingWorld();
  ports.directory.typeOfLesson.set(lessonId as unknown as LessonId, pianoType);
  await useCases.recordLessonFacts.execute(events);
  return ports.lessons.get(lessonId as unknown as LessonId);
}

describe('billing’s copy of the lessons', () => {
  it('follows a lesson scheduled, moved and delivered, taking its times and people from scheduling', async () => {
    const lesson = await after(scheduled, moved, delivered);
    expect(lesson).toEqual({ id: lessonId, teacherId: teacher, studentIds: [student], start: new Date('2027-01-08T17:00:00Z'), end: new Date('2027-01-08T17:45:00Z'), status: 'delivered', lateCancellation: false, deliveredAt: new Date('2027-01-08T17:46:00Z'), lessonTypeId: pianoType });
    expect(lessonMinutes(lesson as BilledLesson)).toBe(45);
  });

  it('leaves the same lesson however often an event comes, and when a delivery or cancellation is read before the lesson’s older events', async () => {
    const inOrder = await after(scheduled, moved, delivered);
    expect(await after(delivered, scheduled, moved, delivered, moved)).toEqual(inOrder);
    expect(await after(scheduled, cancelled(true), moved, delivered)).toEqual(await after(cancelled(true), scheduled, cancelled(true)));
  });

  it('keeps a cancellation final, a withdrawn delivery cancelled by nobody in the family, and ignores what it does not bill', async () => {
    expect(await after(scheduled, cancelled(true), delivered)).toMatchObject({ status: 'cancelled', lateCancellation: true });
    expect(await after(scheduled, delivered, withdrawn)).toMatchObject({ status: 'cancelled', lateCancellation: false, deliveredAt: new Date('2027-01-08T17:46:00Z') });
    expect(await after(withdrawn)).toBeNull();
    const { useCases, ports } = billingWorld();
    expect(await useCases.recordLessonFacts.execute([unrelated, scheduled])).toBe(1);
    // A lesson scheduling does not know (any more) keeps the type billing had, here none.
    expect((await ports.lessons.get(lessonId as unknown as LessonId))?.lessonTypeId).toBeNull();
  });

  it('charges by the school’s setting: in advance every lesson not cancelled, on delivery the delivered; a family’s late cancellation always', async () => {
    const base = (await after(scheduled)) as BilledLesson;
    const cases: [Partial<BilledLesson>, boolean, boolean][] = [
      [{ status: 'scheduled' }, true, false],
      [{ status: 'delivered' }, true, true],
      [{ status: 'cancelled', lateCancellation: true }, true, true],
      [{ status: 'cancelled', lateCancellation: false }, false, false],
    ];
    for (const [over, inAdvance, onDelivery] of cases) {
      expect([isCharged({ ...base, ...over }, 'in_advance'), isCharged({ ...base, ...over }, 'delivered')]).toEqual([inAdvance, onDelivery]);
    }
  });
});
