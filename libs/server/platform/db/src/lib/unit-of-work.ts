import { Injectable } from '@nestjs/common';
import { DeadlockException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@cadenza/shared/kernel';

/** How often a transaction that PostgreSQL aborted to break a deadlock is tried again. */
const DEADLOCK_RETRIES = 2;

/**
 * One PostgreSQL transaction per use case. Repositories use the injected, context
 * aware EntityManager, so inside `run` they write through the transaction; nested
 * runs join the outer one.
 *
 * When two transactions wait on each other (racing bookings checking the same
 * exclusion constraint), PostgreSQL aborts one with a deadlock. Nothing of it was
 * committed, so the outermost run tries it again: the second try meets the winner's
 * committed row and gets the ordinary, well-explained refusal.
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
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.em.transactional(() => work());
      } catch (error) {
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(error)) throw error;
      }
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DeadlockException || (e as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}
