import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** The statements a unit of work has put off, in the order they were asked for. */
class Pending {
  readonly statements: string[] = [];
}

const pending = new AsyncLocalStorage<Pending>();

/**
 * Inserts of rows that nothing reads back inside the same unit of work (audit events, outbox events).
 * Inside a unit of work they are held, and `MikroOrmUnitOfWork` sends them all in one round trip at the
 * end of its transaction, before the commit: they commit or roll back with the change they describe,
 * exactly as if each had been sent at once, for the price of one statement instead of several. Outside
 * a unit of work an insert is sent at once.
 *
 * Only for rows the same transaction never reads or references: a held insert is not yet visible to the
 * statements that follow it in the transaction.
 */
@Injectable()
export class DeferredWrites {
  constructor(private readonly em: EntityManager) {}

  /** An insert with `?` placeholders, values as for `Connection.execute`. */
  async insert(sql: string, params: readonly unknown[]): Promise<void> {
    const held = pending.getStore();
    if (held && this.em.isInTransaction()) {
      held.statements.push(this.em.getPlatform().formatQuery(sql, [...params]));
      return;
    }
    await this.em.getConnection().execute(sql, [...params], 'run', this.em.getTransactionContext());
  }

  /**
   * Sends a statement now, with the inserts held so far in front of it in the same round trip (inside a
   * unit of work; alone outside one). For a write that has to be sent at once (its failure must surface
   * here, or later statements depend on it) and may as well carry the held rows along.
   */
  async executeWithHeld(sql: string, params: readonly unknown[]): Promise<void> {
    const held = pending.getStore();
    const statement = this.em.getPlatform().formatQuery(sql, [...params]);
    const before = held && this.em.isInTransaction() ? held.statements.splice(0) : [];
    await this.em.getConnection().execute([...before, statement].join(';\n'), [], 'run', this.em.getTransactionContext());
  }

  /** Runs `work` holding deferred inserts, then sends them (one round trip) inside the same transaction. */
  static async holding<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    const held = new Pending();
    return pending.run(held, async () => {
      const result = await work();
      if (held.statements.length > 0) {
        const statements = held.statements.splice(0);
        // One simple-protocol query with several statements: inside the open transaction, so a failure aborts it all.
        await em.getConnection().execute(statements.join(';\n'), [], 'run', em.getTransactionContext());
      }
      return result;
    });
  }
}
