import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { RevokedSessions } from '@cadenza/server/platform/http';
import { type UserId } from '@cadenza/shared/kernel';
import { RefreshTokenRepository, type RefreshTokenState, type SessionId } from '@cadenza/server/identity/domain';
import { RefreshTokenSchema } from './entities.js';
import { toToken } from './mappers.js';

/**
 * Refresh tokens in PostgreSQL. Revoking tells this process's `RevokedSessions` at once, so the
 * sessions' access tokens are refused here from the next request (the other api processes hear
 * of it through the gateway's Redis adapter, or the poll of `RevokedSessionsPoll`).
 */
@Injectable()
export class MikroOrmRefreshTokenRepository extends RefreshTokenRepository {
  constructor(
    private readonly em: EntityManager,
    /** Absent in the worker, which serves no access tokens. */
    @Optional() @Inject(RevokedSessions) private readonly revoked?: RevokedSessions,
  ) {
    super();
  }
  async add(token: RefreshTokenState): Promise<void> {
    await this.em.insert(RefreshTokenSchema, token);
  }
  async revokeAllOfUserExcept(userId: UserId, keep: SessionId, at: Date): Promise<void> {
    const where = { userId, familyId: { $ne: keep }, revokedAt: null };
    const open = await this.em.find(RefreshTokenSchema, where, { ...ACROSS_SCHOOLS, fields: ['familyId'], disableIdentityMap: true });
    await this.em.nativeUpdate(RefreshTokenSchema, where, { revokedAt: at }, ACROSS_SCHOOLS);
    this.revoked?.record([...new Set(open.map((t) => t.familyId))].map((sessionId) => ({ sessionId, at })), 'here');
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
    this.revoked?.record([{ sessionId: familyId, at }], 'here');
  }
  async signedInFromSince(userId: UserId, ip: string, since: Date): Promise<boolean> {
    return (await this.em.count(RefreshTokenSchema, { userId, ip, createdAt: { $gte: since } }, ACROSS_SCHOOLS)) > 0;
  }
  async revokeAllOfUser(userId: UserId, at: Date): Promise<void> {
    const open = await this.em.find(RefreshTokenSchema, { userId, revokedAt: null }, { ...ACROSS_SCHOOLS, fields: ['familyId'], disableIdentityMap: true });
    await this.em.nativeUpdate(RefreshTokenSchema, { userId, revokedAt: null }, { revokedAt: at }, ACROSS_SCHOOLS);
    this.revoked?.record([...new Set(open.map((t) => t.familyId))].map((sessionId) => ({ sessionId, at })), 'here');
  }
}
