import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { PasswordResetRequests } from '@cadenza/server/identity/domain';
import { PasswordResetRequestSchema } from './entities.js';

/** A request claimed this often (its mail failing each time) is dropped: the person can ask again. */
const MAX_CLAIMS = 5;

/**
 * Reset requests queued in PostgreSQL. A claim locks the oldest waiting rows with `skip locked`
 * in a transaction of its own and stamps their lease, so senders in several api processes
 * share the queue without taking the same request.
 */
@Injectable()
export class MikroOrmPasswordResetRequests extends PasswordResetRequests {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(request: { id: string; email: string; requestedAt: Date }): Promise<void> {
    await this.em.insert(PasswordResetRequestSchema, { ...request, claimedUntil: null, claims: 0 });
  }
  async claim(limit: number, now: Date, leaseMs: number): Promise<{ id: string; email: string }[]> {
    await this.em.nativeDelete(PasswordResetRequestSchema, { claims: { $gte: MAX_CLAIMS }, claimedUntil: { $lte: now } });
    return this.em.fork().transactional(async (tx) => {
      const rows = await tx.find(
        PasswordResetRequestSchema,
        { claims: { $lt: MAX_CLAIMS }, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }] },
        { orderBy: { requestedAt: 'asc' }, limit, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, disableIdentityMap: true },
      );
      const claimedUntil = new Date(now.getTime() + leaseMs);
      for (const row of rows) await tx.nativeUpdate(PasswordResetRequestSchema, { id: row.id }, { claimedUntil, claims: row.claims + 1 });
      return rows.map((r) => ({ id: r.id, email: r.email }));
    });
  }
  async done(id: string): Promise<void> {
    await this.em.nativeDelete(PasswordResetRequestSchema, { id });
  }
}
