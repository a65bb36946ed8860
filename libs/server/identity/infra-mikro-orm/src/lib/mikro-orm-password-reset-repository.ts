import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { PasswordResetRepository, type PasswordResetState } from '@cadenza/server/identity/domain';
import { PasswordResetSchema } from './entities.js';

@Injectable()
export class MikroOrmPasswordResetRepository extends PasswordResetRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(reset: PasswordResetState): Promise<void> {
    await this.em.insert(PasswordResetSchema, reset);
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<PasswordResetState | null> {
    const row = await this.em.findOne(PasswordResetSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? { ...row, schoolId: asId<SchoolId>(row.schoolId), userId: asId<UserId>(row.userId) } : null;
  }
  async markUsed(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(PasswordResetSchema, { id }, { usedAt: at }, ACROSS_SCHOOLS);
  }
}
