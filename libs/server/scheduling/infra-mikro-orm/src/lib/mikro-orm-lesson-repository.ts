import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { Lesson, LessonRepository, type BusyQuery, type LessonId, type LessonQuery, type SeriesId } from '@cadenza/server/scheduling/domain';
import { LessonSchema } from './entities.js';
import { lessonFromRow, lessonToRow } from './mappers.js';
import { NO_MAP, fromRaw, type RawLesson } from './rows.js';
import { busyLessons } from './busy-lessons.js';
import { rethrowOverlap } from './rethrow-overlap.js';
import { slotLocks } from './slot-locks.js';

@Injectable()
export class MikroOrmLessonRepository extends LessonRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(lessons: readonly Lesson[]): Promise<void> {
    if (lessons.length === 0) return;
    // Plain SQL: every booking writes here, where the ORM's overhead outweighs the insert. The first lesson's
    // statement takes the slot locks of every lesson added, in the same round trip (one simple-protocol query
    // with two statements, inside the unit of work's transaction); the exclusion constraints answer at once.
    let locks = slotLocks(lessons);
    for (const lesson of lessons) {
      const r = lessonToRow(lesson);
      try {
        await this.em.execute(
          `${locks}insert into lessons (id, school_id, teacher_id, room_id, accompanist_id, lesson_type_id, series_id, makeup_credit_id, student_ids, start_at, end_at, status, cancellation)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?::jsonb)`,
          [
            r.id,
            r.schoolId,
            r.teacherId,
            r.roomId,
            r.accompanistId,
            r.lessonTypeId,
            r.seriesId,
            r.makeupCreditId,
            `{${r.studentIds.join(',')}}`,
            r.startAt,
            r.endAt,
            r.status,
            r.cancellation == null ? null : JSON.stringify(r.cancellation),
          ],
          'run',
        );
      } catch (error) {
        rethrowOverlap(error, lesson);
      }
      locks = '';
    }
  }

  async update(lesson: Lesson): Promise<void> {
    const { id, schoolId: _school, ...rest } = lessonToRow(lesson);
    try {
      const locks = slotLocks([lesson]);
      if (locks) await this.em.getConnection().execute(locks, [], 'run', this.em.getTransactionContext());
      await this.em.nativeUpdate(LessonSchema, { id }, rest);
    } catch (error) {
      rethrowOverlap(error, lesson);
    }
  }

  async byId(id: LessonId): Promise<Lesson | null> {
    const row = await this.em.findOne(LessonSchema, { id }, NO_MAP);
    return row ? lessonFromRow(row) : null;
  }

  async byIds(ids: readonly LessonId[]): Promise<Lesson[]> {
    if (ids.length === 0) return [];
    return this.lessonRows(`select l.* from lessons l where l.school_id = ? and l.id = any(?::uuid[])`, [currentSchool(this.em), `{${[...new Set(ids)].join(',')}}`]);
  }

  /**
   * The calendar's read: one indexed range scan in plain SQL, mapped straight to
   * lessons (a week of a large school is thousands of rows; the ORM's entity
   * machinery is not needed to read them). Scoped to the school in force.
   */
  async inRange(query: LessonQuery): Promise<Lesson[]> {
    const { conditions, params } = rangeConditions(this.em, query);
    return this.lessonRows(`select l.* from lessons l where ${conditions.join(' and ')} order by l.start_at, l.id`, params);
  }

  async busyFor(query: BusyQuery): Promise<Lesson[]> {
    const people = [...new Set([...query.teacherIds, ...query.studentIds, ...query.accompanistIds])];
    const rooms = [...new Set(query.roomIds)];
    if (people.length === 0 && rooms.length === 0) return [];
    return this.lessonRows(
      `select l.* from ${busyLessons('?', '?', '?', '?', '?')} as l
        order by l.start_at`,
      [`{${people.join(',')}}`, query.from, query.to, `{${rooms.join(',')}}`, query.from, query.to, query.from, currentSchool(this.em)],
    );
  }

  /** Lessons read in plain SQL, inside the unit of work when there is one, so a check sees its own writes. */
  private async lessonRows(sql: string, params: unknown[]): Promise<Lesson[]> {
    const rows = await this.em.getConnection().execute<RawLesson[]>(sql, params, 'all', this.em.getTransactionContext());
    return rows.map((r) => lessonFromRow(fromRaw(r)));
  }

  async ofSeries(seriesId: SeriesId, from: Date): Promise<Lesson[]> {
    const rows = await this.em.find(LessonSchema, { seriesId, status: 'scheduled', startAt: { $gte: from } }, { ...NO_MAP, orderBy: { startAt: 'asc' } });
    return rows.map(lessonFromRow);
  }
}

/** The conditions of the calendar's read (`inRange`). */
function rangeConditions(em: EntityManager, query: LessonQuery): { conditions: string[]; params: unknown[] } {
  // Lessons are shorter than a day, so a start after `from - 24 h` bounds the scan of the start index.
  const conditions = ['l.school_id = ?', 'l.start_at >= ?', 'l.start_at < ?', 'l.end_at > ?'];
  const params: unknown[] = [currentSchool(em), new Date(query.from.getTime() - 86_400_000), query.to, query.from];
  if (!query.includeCancelled) conditions.push(`l.status <> 'cancelled'`);
  for (const [column, value] of [
    ['teacher_id', query.teacherId],
    ['room_id', query.roomId],
    ['accompanist_id', query.accompanistId],
  ] as const) {
    if (value) {
      conditions.push(`l.${column} = ?`);
      params.push(value);
    }
  }
  if (query.studentId) {
    conditions.push('l.student_ids @> array[?]::uuid[]');
    params.push(query.studentId);
  }
  return { conditions, params };
}
