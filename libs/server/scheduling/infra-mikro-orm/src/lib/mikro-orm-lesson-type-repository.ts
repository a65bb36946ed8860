import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LessonType, LessonTypeRepository, type LessonTypeId } from '@cadenza/server/scheduling/domain';
import { LessonTypeSchema } from './entities.js';
import { NO_MAP, toLessonType } from './rows.js';

@Injectable()
export class MikroOrmLessonTypeRepository extends LessonTypeRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(type: LessonType): Promise<void> {
    await this.em.insert(LessonTypeSchema, type.snapshot());
  }
  async update(type: LessonType): Promise<void> {
    const { id, ...rest } = type.snapshot();
    await this.em.nativeUpdate(LessonTypeSchema, { id }, rest);
  }
  async remove(id: LessonTypeId): Promise<void> {
    await this.em.nativeDelete(LessonTypeSchema, { id });
  }
  async byId(id: LessonTypeId): Promise<LessonType | null> {
    const row = await this.em.findOne(LessonTypeSchema, { id }, NO_MAP);
    return row ? toLessonType(row) : null;
  }
  async list(): Promise<LessonType[]> {
    return (await this.em.find(LessonTypeSchema, {}, { ...NO_MAP, orderBy: { name: 'asc' } })).map(toLessonType);
  }
}
