import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { BilledLessons, type BilledLesson, type BilledLessonStatus, type LessonId, type LessonTypeId } from '@cadenza/server/billing/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { BilledLessonSchema, type BilledLessonRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

const toLesson = (row: BilledLessonRow): BilledLesson => ({
  id: asId<LessonId>(row.id),
  teacherId: asId<UserId>(row.teacherId),
  studentIds: row.studentIds.map((id) => asId<UserId>(id)),
  start: new Date(row.startAt),
  end: new Date(row.endAt),
  status: row.status as BilledLessonStatus,
  lateCancellation: row.lateCancellation,
  deliveredAt: row.deliveredAt === null ? null : new Date(row.deliveredAt),
  lessonTypeId: row.lessonTypeId === null ? null : asId<LessonTypeId>(row.lessonTypeId),
});

/** Billing's copy of the lessons in `billing_lessons`. */
@Injectable()
export class MikroOrmBilledLessons extends BilledLessons {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(id: LessonId): Promise<BilledLesson | null> {
    const row = await this.em.findOne(BilledLessonSchema, { id }, NO_MAP);
    return row ? toLesson(row) : null;
  }

  async record(lesson: BilledLesson): Promise<void> {
    await this.em.upsert(
      BilledLessonSchema,
      {
        id: lesson.id,
        schoolId: currentSchool(this.em),
        teacherId: lesson.teacherId,
        studentIds: [...lesson.studentIds],
        startAt: lesson.start,
        endAt: lesson.end,
        status: lesson.status,
        lateCancellation: lesson.lateCancellation,
        deliveredAt: lesson.deliveredAt,
        lessonTypeId: lesson.lessonTypeId,
      },
      NO_MAP,
    );
  }

  async forStudents(studentIds: readonly UserId[], from: Date, to: Date): Promise<BilledLesson[]> {
    if (studentIds.length === 0) return [];
    const rows = await this.em.find(BilledLessonSchema, { studentIds: { $overlap: [...studentIds] }, startAt: { $gte: from, $lt: to } }, { ...NO_MAP, orderBy: { startAt: 'asc', id: 'asc' } });
    return rows.map(toLesson);
  }

  async byIds(ids: readonly LessonId[]): Promise<BilledLesson[]> {
    if (ids.length === 0) return [];
    return (await this.em.find(BilledLessonSchema, { id: { $in: [...ids] } }, NO_MAP)).map(toLesson);
  }

  async startingBetween(from: Date, to: Date): Promise<BilledLesson[]> {
    const rows = await this.em.find(BilledLessonSchema, { startAt: { $gte: from, $lt: to } }, { ...NO_MAP, orderBy: { startAt: 'asc', id: 'asc' } });
    return rows.map(toLesson);
  }
}
