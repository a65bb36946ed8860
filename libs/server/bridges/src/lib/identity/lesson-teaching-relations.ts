import { Injectable } from '@nestjs/common';
import { TeachingRelations } from '@cadenza/server/identity/domain';
import { LessonRepository } from '@cadenza/server/scheduling/domain';
import { Clock, DAY, type UserId } from '@cadenza/shared/kernel';

/** How far back and ahead a lesson together makes a teacher the student's own: as messaging's contacts count it. */
const TEACHING_WINDOW_MS = 180 * DAY;

/**
 * Identity's question of who teaches whom, answered from scheduling's lessons (read through its port, with the
 * school in force): a teacher or accompanist of a lesson of the student's, not cancelled, from 180 days back to
 * 180 days ahead.
 */
@Injectable()
export class LessonTeachingRelations extends TeachingRelations {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async teaches(staffId: UserId, studentId: UserId): Promise<boolean> {
    const now = this.clock.now().getTime();
    const lessons = await this.lessons.busyFor({ from: new Date(now - TEACHING_WINDOW_MS), to: new Date(now + TEACHING_WINDOW_MS), studentIds: [studentId], teacherIds: [], accompanistIds: [], roomIds: [] });
    // busyFor matches anyone in any role: keep the lessons the student attends as a student.
    return lessons.some((lesson) => lesson.studentIds.includes(studentId) && (lesson.teacherId === staffId || lesson.accompanistId === staffId));
  }
}
