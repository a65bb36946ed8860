import { PersonLessons, type UpcomingLesson } from '@cadenza/server/identity/domain';
import { CancelLesson, LessonRepository, type LessonId } from '@cadenza/server/scheduling/domain';
import { DAY, asId, type Actor, type UserId } from '@cadenza/shared/kernel';

/** How far ahead a person's lessons are looked for: series are bounded by their term, well within this. */
const HORIZON_MS = 400 * DAY;

/** Identity's view of a person's lessons, answered by scheduling's repository and its cancellation use case. */
export class SchedulingPersonLessons extends PersonLessons {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly cancelLesson: CancelLesson,
  ) {
    super();
  }

  async upcoming(personId: UserId, from: Date): Promise<UpcomingLesson[]> {
    const busy = await this.lessons.busyFor({ from, to: new Date(from.getTime() + HORIZON_MS), teacherIds: [personId], studentIds: [], accompanistIds: [], roomIds: [] });
    return busy
      .filter((l) => l.status === 'scheduled' && l.start.getTime() >= from.getTime())
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map((l) => ({
        id: l.id,
        start: l.start,
        end: l.end,
        role: l.teacherId === personId ? 'teacher' : l.accompanistId === personId ? 'accompanist' : 'student',
        otherStudents: l.studentIds.filter((s) => s !== personId).length,
      }));
  }

  async cancel(actor: Actor, lessonIds: readonly string[], reason: string): Promise<void> {
    for (const id of lessonIds) {
      await this.cancelLesson.execute(actor, { lessonId: asId<LessonId>(id), reason, scope: 'this' });
    }
  }
}
