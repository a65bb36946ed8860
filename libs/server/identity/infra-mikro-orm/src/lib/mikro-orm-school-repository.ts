import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { type SchoolId } from '@cadenza/shared/kernel';
import { School, SchoolRepository } from '@cadenza/server/identity/domain';
import { SchoolSchema } from './entities.js';
import { toSchool } from './mappers.js';

@Injectable()
export class MikroOrmSchoolRepository extends SchoolRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(school: School): Promise<void> {
    await this.em.insert(SchoolSchema, school.snapshot());
  }
  async update(school: School): Promise<void> {
    const { id, ...rest } = school.snapshot();
    // Scoped by the aggregate's own id, which was read under the caller's school.
    await this.em.nativeUpdate(SchoolSchema, { id }, rest, ACROSS_SCHOOLS);
  }
  async current(): Promise<School> {
    const row = await this.em.findOneOrFail(SchoolSchema, {}, { disableIdentityMap: true });
    return toSchool(row);
  }
  async currentForUpdate(): Promise<School> {
    const row = await this.em.findOneOrFail(SchoolSchema, {}, { disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return toSchool(row);
  }
  async byIdAcrossSchools(id: SchoolId): Promise<School | null> {
    const row = await this.em.findOne(SchoolSchema, { id }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toSchool(row) : null;
  }
  async slugTaken(slug: string): Promise<boolean> {
    return (await this.em.count(SchoolSchema, { slug }, ACROSS_SCHOOLS)) > 0;
  }
  async listAll(): Promise<School[]> {
    const rows = await this.em.find(SchoolSchema, {}, { ...ACROSS_SCHOOLS, orderBy: { name: 'asc' }, disableIdentityMap: true });
    return rows.map(toSchool);
  }
}
