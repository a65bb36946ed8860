import { Injectable } from '@nestjs/common';
import { DeadlockException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@cadenza/shared/kernel';

/** How often a transaction that PostgreSQL aborted to break a deadlock is tried again. */
const DEADLOCK_RETRIES = 2;

/**
 * One PostgreSQL transaction per use case. Repositories use the injected, context
 * aware EntityManager, so inside `run` every statement goes through the transaction
 * at once: a read sees the unit's earlier writes, and a failure rolls all of them
 * back. Nested runs join the outer one.
 *
 * When two transactions wait on each other, PostgreSQL aborts one with a deadlock.
 * Nothing of it was committed, so the outermost run tries it again. (Racing bookings
 * no longer get here: the lessons' slot locks queue them before the exclusion
 * constraints; see `slotLocks`.)
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
    return retryingDeadlocks(() => this.em.transactional(() => work()));
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
