import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CopiedMeanwhile, LessonSeries, SeriesRepository, type SeriesId, type TermId } from '@cadenza/server/scheduling/domain';
import { SeriesSchema } from './entities.js';
import { NO_MAP } from './rows.js';

@Injectable()
export class MikroOrmSeriesRepository extends SeriesRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(series: LessonSeries): Promise<void> {
    try {
      await this.em.insert(SeriesSchema, series.snapshot());
    } catch (error) {
      if (violates(error, COPIED_ONCE)) throw new CopiedMeanwhile();
      throw error;
    }
  }
  async update(series: LessonSeries): Promise<void> {
    const { id, ...rest } = series.snapshot();
    await this.em.nativeUpdate(SeriesSchema, { id }, rest);
  }
  async byId(id: SeriesId): Promise<LessonSeries | null> {
    const row = await this.em.findOne(SeriesSchema, { id }, NO_MAP);
    return row ? LessonSeries.restore(row as never) : null;
  }
  async inTerm(termId: TermId): Promise<LessonSeries[]> {
    const rows = await this.em.find(SeriesSchema, { termId }, { ...NO_MAP, orderBy: { firstDate: 'asc', id: 'asc' } });
    return rows.map((row) => LessonSeries.restore(row as never));
  }
}

/** The unique index that keeps one copy of a series per term (`Migration20261211000300_series_rollover`). */
const COPIED_ONCE = 'lesson_series_copied_once';

/** A unique violation (`23505`) of the named index, in the error or the errors it wraps (MikroORM keeps pg's as `cause`). */
function violates(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '23505' && e.constraint === constraint) return true;
  }
  return false;
}
