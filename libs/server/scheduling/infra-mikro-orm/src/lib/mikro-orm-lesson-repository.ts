import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows, schoolWrite, takeAdvisoryLocks } from '@cadenza/server/platform/db';
import { Lesson, LessonRepository, type BusyQuery, type LessonId, type LessonQuery, type LessonTypeId, type SeriesId } from '@cadenza/server/scheduling/domain';
import { LessonSchema, SeriesSchema } from './entities.js';
import { lessonFromRow, lessonToRow } from './mappers.js';
import { NO_MAP, fromRaw, type RawLesson } from './rows.js';
import { rethrowOverlap } from './rethrow-overlap.js';
import { slotLocks } from './slot-locks.js';
import { BUSY_LESSONS, LESSON_INSERT, LESSONS_BY_IDS, LESSONS_IN_RANGE, LESSONS_OF_PEOPLE_IN_RANGE } from './statements.js';

@Injectable()
export class MikroOrmLessonRepository extends LessonRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(lessons: readonly Lesson[]): Promise<void> {
    if (lessons.length === 0) return;
    // The first lesson's statement takes the slot locks of every lesson added, in the same round trip (one
    // simple-protocol query with two statements, inside the unit of work's transaction); the exclusion
    // constraints answer at once.
    let locks = slotLocks(lessons);
    for (const lesson of lessons) {
      const r = lessonToRow(lesson);
      try {
        await schoolWrite(
          this.em,
          LESSON_INSERT,
          [
            r.id,
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
          { locks },
        );
      } catch (error) {
        rethrowOverlap(error, lesson);
      }
      locks = null;
    }
  }

  async update(lesson: Lesson): Promise<void> {
    const { id, schoolId: _school, ...rest } = lessonToRow(lesson);
    try {
      const locks = slotLocks([lesson]);
      if (locks) await takeAdvisoryLocks(this.em, locks);
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
    return toLessons(await schoolRows(this.em, LESSONS_BY_IDS, [`{${[...new Set(ids)].join(',')}}`]));
  }

  /** The calendar's read (`LESSONS_IN_RANGE`), mapped straight to lessons: the ORM's entity machinery is not needed to read them. */
  async inRange(query: LessonQuery): Promise<Lesson[]> {
    const range = [
      new Date(query.from.getTime() - 86_400_000),
      query.to,
      query.from,
      query.includeCancelled ?? false,
      query.teacherId || null,
      query.roomId || null,
      query.accompanistId || null,
      query.studentId || null,
    ] as const;
    if (query.involving) {
      if (query.involving.length === 0) return [];
      return toLessons(await schoolRows(this.em, LESSONS_OF_PEOPLE_IN_RANGE, [`{${[...new Set(query.involving)].join(',')}}`, ...range]));
    }
    return toLessons(await schoolRows(this.em, LESSONS_IN_RANGE, [...range]));
  }

  async busyFor(query: BusyQuery): Promise<Lesson[]> {
    const people = [...new Set([...query.teacherIds, ...query.studentIds, ...query.accompanistIds])];
    const rooms = [...new Set(query.roomIds)];
    if (people.length === 0 && rooms.length === 0) return [];
    return toLessons(await schoolRows(this.em, BUSY_LESSONS, [`{${people.join(',')}}`, query.from, query.to, `{${rooms.join(',')}}`]));
  }

  async ofSeries(seriesId: SeriesId, from: Date, options: { anyStatus?: boolean } = {}): Promise<Lesson[]> {
    const rows = await this.em.find(LessonSchema, { seriesId, ...(options.anyStatus ? {} : { status: 'scheduled' as const }), startAt: { $gte: from } }, { ...NO_MAP, orderBy: { startAt: 'asc' } });
    return rows.map(lessonFromRow);
  }
  async countOfType(typeId: LessonTypeId): Promise<number> {
    const [lessons, series] = await Promise.all([this.em.count(LessonSchema, { lessonTypeId: typeId }), this.em.count(SeriesSchema, { lessonTypeId: typeId })]);
    return lessons + series;
  }
}

const toLessons = (rows: readonly RawLesson[]): Lesson[] => rows.map((r) => lessonFromRow(fromRaw(r)));
