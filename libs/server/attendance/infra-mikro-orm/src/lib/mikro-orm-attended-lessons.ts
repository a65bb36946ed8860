import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { AttendedLessons, type AttendedLesson, type AttendedLessonQuery, type LessonId } from '@cadenza/server/attendance/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { AttendanceLessonSchema, type AttendanceLessonRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

const toLesson = (row: AttendanceLessonRow): AttendedLesson => ({
  id: asId<LessonId>(row.id),
  teacherId: asId<UserId>(row.teacherId),
  accompanistId: row.accompanistId ? asId<UserId>(row.accompanistId) : null,
  studentIds: row.studentIds.map((id) => asId<UserId>(id)),
  start: new Date(row.startAt),
  end: new Date(row.endAt),
  cancelled: row.cancelled,
});

/** Attendance's copy of the lessons, in `attendance_lessons`. */
@Injectable()
export class MikroOrmAttendedLessons extends AttendedLessons {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async record(lesson: AttendedLesson): Promise<void> {
    await this.em.upsert(
      AttendanceLessonSchema,
      {
        id: lesson.id,
        schoolId: currentSchool(this.em),
        teacherId: lesson.teacherId,
        accompanistId: lesson.accompanistId,
        studentIds: [...lesson.studentIds],
        startAt: lesson.start,
        endAt: lesson.end,
        cancelled: lesson.cancelled,
      },
      NO_MAP,
    );
  }

  async get(id: LessonId): Promise<AttendedLesson | null> {
    const row = await this.em.findOne(AttendanceLessonSchema, { id }, NO_MAP);
    return row ? toLesson(row) : null;
  }

  async between(query: AttendedLessonQuery): Promise<AttendedLesson[]> {
    const rows = await this.em.find(
      AttendanceLessonSchema,
      {
        startAt: { $lt: query.to },
        endAt: { $gt: query.from },
        ...(query.staffId ? { $or: [{ teacherId: query.staffId }, { accompanistId: query.staffId }] } : {}),
        ...(query.studentId ? { studentIds: { $overlap: [query.studentId] } } : {}),
      },
      { ...NO_MAP, orderBy: { startAt: 'asc', id: 'asc' } },
    );
    return rows.map(toLesson);
  }
}
