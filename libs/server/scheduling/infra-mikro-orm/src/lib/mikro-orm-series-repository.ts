import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LessonSeries, SeriesRepository, type SeriesId, type TermId } from '@cadenza/server/scheduling/domain';
import { SeriesSchema } from './entities.js';
import { NO_MAP } from './rows.js';

@Injectable()
export class MikroOrmSeriesRepository extends SeriesRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(series: LessonSeries): Promise<void> {
    await this.em.insert(SeriesSchema, series.snapshot());
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
