import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { FeedLessons, type FeedLesson, type LessonId, type RoomId } from '@cadenza/server/calendar-sync/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { FeedLessonSchema, type FeedLessonRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

const toLesson = (row: FeedLessonRow): FeedLesson => ({
  id: asId<LessonId>(row.id),
  teacherId: asId<UserId>(row.teacherId),
  accompanistId: row.accompanistId === null ? null : asId<UserId>(row.accompanistId),
  studentIds: row.studentIds.map((id) => asId<UserId>(id)),
  roomId: row.roomId === null ? null : asId<RoomId>(row.roomId),
  start: new Date(row.startAt),
  end: new Date(row.endAt),
  cancelled: row.cancelled,
  changedAt: new Date(row.changedAt),
});

/** Calendar sync's copy of the lessons in `calendar_sync_lessons`. */
@Injectable()
export class MikroOrmFeedLessons extends FeedLessons {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(id: LessonId): Promise<FeedLesson | null> {
    const row = await this.em.findOne(FeedLessonSchema, { id }, NO_MAP);
    return row ? toLesson(row) : null;
  }

  async record(lesson: FeedLesson): Promise<void> {
    await this.em.upsert(
      FeedLessonSchema,
      {
        id: lesson.id,
        schoolId: currentSchool(this.em),
        teacherId: lesson.teacherId,
        accompanistId: lesson.accompanistId,
        studentIds: [...lesson.studentIds],
        roomId: lesson.roomId,
        startAt: lesson.start,
        endAt: lesson.end,
        cancelled: lesson.cancelled,
        changedAt: lesson.changedAt,
      },
      NO_MAP,
    );
  }

  async involving(people: readonly UserId[], from: Date): Promise<FeedLesson[]> {
    if (people.length === 0) return [];
    const ids = [...new Set(people)];
    const rows = await this.em.find(
      FeedLessonSchema,
      { startAt: { $gte: from }, $or: [{ teacherId: { $in: ids } }, { accompanistId: { $in: ids } }, { studentIds: { $overlap: ids } }] },
      { ...NO_MAP, orderBy: { startAt: 'asc', id: 'asc' } },
    );
    return rows.map(toLesson);
  }
}
