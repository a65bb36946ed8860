import { Injectable } from '@nestjs/common';
import { DeadlockException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@cadenza/shared/kernel';
import { DeferredWrites } from './deferred-writes.js';

/** How often a transaction that PostgreSQL aborted to break a deadlock is tried again. */
const DEADLOCK_RETRIES = 2;

/**
 * One PostgreSQL transaction per use case. Repositories use the injected, context
 * aware EntityManager, so inside `run` they write through the transaction; nested
 * runs join the outer one.
 *
 * When two transactions wait on each other, PostgreSQL aborts one with a deadlock.
 * Nothing of it was committed, so the outermost run tries it again. (Racing bookings
 * no longer get here: the lessons' slot locks queue them before the exclusion
 * constraints; see `slotLocks`.)
 *
 * Inserts put off through `DeferredWrites` (audit and outbox events) go in one round trip at
 * the end of the outermost run's transaction, before its commit.
 *
 * `runWrites` sends work that only writes (through `DeferredWrites`) as one implicit transaction
 * in a single round trip: one statement list instead of `begin`, the writes and `commit`, and
 * no connection left idle in a transaction, holding its locks, between them. Inside a running
 * transaction it joins that one, as `run` does.
 */
@Injectable()
export class MikroOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.em.isInTransaction()) {
      return this.em.transactional(() => work());
    }
    return retryingDeadlocks(() => this.em.transactional(() => DeferredWrites.holding(this.em, work)));
  }

  override async runWrites<T>(work: () => Promise<T>): Promise<T> {
    if (this.em.isInTransaction()) return this.run(work);
    return retryingDeadlocks(() => DeferredWrites.batch(this.em, work));
  }
}

async function retryingDeadlocks<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= DEADLOCK_RETRIES || !isDeadlock(error)) throw error;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DeadlockException || (e as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}
