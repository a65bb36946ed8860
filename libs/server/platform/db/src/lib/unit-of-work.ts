import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@cadenza/shared/kernel';

/**
 * One PostgreSQL transaction per use case. Repositories use the injected, context
 * aware EntityManager, so inside `run` they write through the transaction; nested
 * runs join the outer one.
 */
@Injectable()
export class MikroOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly em: EntityManager) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.em.transactional(() => work());
  }
}
