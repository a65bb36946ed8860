import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { PasswordResetRepository, type PasswordResetState } from '@cadenza/server/identity/domain';
import { PasswordResetSchema, type PasswordResetRow } from './entities.js';

@Injectable()
export class MikroOrmPasswordResetRepository extends PasswordResetRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(reset: PasswordResetState): Promise<void> {
    await this.em.insert(PasswordResetSchema, reset);
  }
  async byTokenHashAcrossSchools(tokenHash: string): Promise<PasswordResetState | null> {
    return toReset(await this.em.findOne(PasswordResetSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true }));
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<PasswordResetState | null> {
    return toReset(await this.em.findOne(PasswordResetSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE }));
  }
  async markUsed(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(PasswordResetSchema, { id }, { usedAt: at }, ACROSS_SCHOOLS);
  }
  async markAllUsedOfUser(userId: UserId, at: Date): Promise<void> {
    await this.em.nativeUpdate(PasswordResetSchema, { userId, usedAt: null }, { usedAt: at }, ACROSS_SCHOOLS);
  }
}

function toReset(row: PasswordResetRow | null): PasswordResetState | null {
  return row ? { ...row, schoolId: asId<SchoolId>(row.schoolId), userId: asId<UserId>(row.userId) } : null;
}
