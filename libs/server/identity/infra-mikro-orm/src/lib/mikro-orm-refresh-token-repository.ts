import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { type UserId } from '@cadenza/shared/kernel';
import { RefreshTokenRepository, type RefreshTokenState, type SessionId } from '@cadenza/server/identity/domain';
import { RefreshTokenSchema } from './entities.js';
import { toToken } from './mappers.js';

@Injectable()
export class MikroOrmRefreshTokenRepository extends RefreshTokenRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(token: RefreshTokenState): Promise<void> {
    await this.em.insert(RefreshTokenSchema, token);
  }
  async byHashForUpdateAcrossSchools(tokenHash: string): Promise<RefreshTokenState | null> {
    const row = await this.em.findOne(RefreshTokenSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? toToken(row) : null;
  }
  async markReplaced(id: SessionId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { id }, { replacedAt: at, lastUsedAt: at }, ACROSS_SCHOOLS);
  }
  async revokeFamily(familyId: SessionId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { familyId, revokedAt: null }, { revokedAt: at }, ACROSS_SCHOOLS);
  }
  async revokeAllOfUser(userId: UserId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { userId, revokedAt: null }, { revokedAt: at }, ACROSS_SCHOOLS);
  }
}
