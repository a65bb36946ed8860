import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { SchedulingPolicy, SchedulingPolicyRepository } from '@cadenza/server/scheduling/domain';
import { PolicySchema } from './entities.js';
import { NO_MAP } from './rows.js';

@Injectable()
export class MikroOrmSchedulingPolicyRepository extends SchedulingPolicyRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async get(): Promise<SchedulingPolicy | null> {
    const row = await this.em.findOne(PolicySchema, {}, NO_MAP);
    return row ? SchedulingPolicy.restore({ ...row, schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async save(policy: SchedulingPolicy): Promise<void> {
    await this.em.upsert(PolicySchema, policy.snapshot());
  }
}
