import { isEventOf, type StoredEvent } from '@cadenza/shared/integration-events';
import { asId, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { applyLessonFact, type LessonFact } from '../model/billed-lesson.js';
import type { LessonId } from '../model/ids.js';
import type { BilledLessons } from '../ports/billed-lessons.js';
import type { BillingDirectory } from '../ports/billing-directory.js';

/** The events billing keeps its lessons from: scheduling's lessons and attendance's deliveries. */
export const BILLED_LESSON_EVENT_TYPES = ['lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1', 'attendance.lesson_delivered.v1', 'attendance.lesson_delivery_withdrawn.v1'] as const;

const users = (ids: readonly string[]) => ids.map((id) => asId<UserId>(id));

/** The fact an event states about a lesson, or null for an event billing does not keep lessons from. */
export function lessonFactOf(event: StoredEvent): LessonFact | null {
  if (isEventOf(event, 'lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1')) {
    const l = event.payload.lesson;
    const facts = { lessonId: asId<LessonId>(l.lessonId), teacherId: l.teacherId, studentIds: users(l.studentIds), start: new Date(l.start), end: new Date(l.end) };
    if (isEventOf(event, 'lesson.cancelled.v1')) return { kind: 'cancelled', ...facts, late: event.payload.late };
    return { kind: event.type === 'lesson.scheduled.v1' ? 'scheduled' : 'moved', ...facts };
  }
  if (isEventOf(event, 'attendance.lesson_delivered.v1')) {
    const p = event.payload;
    return { kind: 'delivered', lessonId: asId<LessonId>(p.lessonId), teacherId: p.teacherId, studentIds: users(p.studentIds), start: new Date(p.start), end: new Date(p.end), deliveredAt: new Date(p.deliveredAt) };
  }
  if (isEventOf(event, 'attendance.lesson_delivery_withdrawn.v1')) return { kind: 'withdrawn', lessonId: asId<LessonId>(event.payload.lessonId) };
  return null;
}

/**
 * Keeps billing's copy of the lessons from the events, in their order, in one unit of work: each event's fact applied
 * to the lesson as billing has it (`applyLessonFact`) with its lesson type as scheduling has it now, so an event handled twice, or arriving after a later one, leaves
 * the same lesson. Returns how many lessons it recorded.
 */
export class RecordLessonFacts {
  constructor(
    private readonly lessons: BilledLessons,
    private readonly directory: BillingDirectory,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(events: readonly StoredEvent[]): Promise<number> {
    return this.uow.run(async () => {
      const facts = events.map(lessonFactOf).filter((fact): fact is LessonFact => fact !== null);
      if (facts.length === 0) return 0;
      // The lessons' types, which price them, are not in the events: read once for the batch.
      const types = await this.directory.lessonTypesOf([...new Set(facts.map((f) => f.lessonId))]);
      let recorded = 0;
      for (const fact of facts) {
        const next = applyLessonFact(await this.lessons.get(fact.lessonId), fact);
        if (!next) continue;
        await this.lessons.record({ ...next, lessonTypeId: types.has(next.id) ? (types.get(next.id) ?? null) : next.lessonTypeId });
        recorded++;
      }
      return recorded;
    });
  }
}
