import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** Turns a failure of the statement it came with into the error its caller expects, or throws it as it is. */
export type WriteFailure = (error: unknown) => never;

/** The statements a unit of work has put off, in the order they were asked for. */
class Pending {
  readonly statements: string[] = [];
  /** How the statements that had to go at once would have reported their failures (a batch sends them later). */
  readonly failures: WriteFailure[] = [];
  /** A batch (`DeferredWrites.batch`): nothing is sent until the work is done, and then all of it at once. */
  constructor(readonly batch = false) {}
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
 *
 * In a batch (`UnitOfWork.runWrites`) even the statements that would go at once are held, and the whole
 * unit is sent as one implicit transaction in one round trip: no `begin`, no `commit`, no connection
 * held between the two while the process does other work.
 */
@Injectable()
export class DeferredWrites {
  constructor(private readonly em: EntityManager) {}

  /**
   * An insert with `?` placeholders, values as for `Connection.execute`; or any other write whose rows the rest of
   * the unit of work does not read (an update of counters, an upsert), held the same way.
   */
  async insert(sql: string, params: readonly unknown[]): Promise<void> {
    const held = pending.getStore();
    if (held && (held.batch || this.em.isInTransaction())) {
      held.statements.push(this.em.getPlatform().formatQuery(sql, [...params]));
      return;
    }
    await this.em.getConnection().execute(sql, [...params], 'run', this.em.getTransactionContext());
  }

  /**
   * Sends a statement now, with the inserts held so far in front of it in the same round trip (inside a
   * unit of work; alone outside one). For a write that has to be sent at once (its failure must surface
   * here, or later statements depend on it) and may as well carry the held rows along. `failed` turns its
   * failure into the caller's error; in a batch the statement is held too, and `failed` is applied when the
   * batch fails.
   */
  async executeWithHeld(sql: string, params: readonly unknown[], failed?: WriteFailure): Promise<void> {
    const held = pending.getStore();
    const statement = this.em.getPlatform().formatQuery(sql, [...params]);
    if (held?.batch) {
      held.statements.push(statement);
      if (failed) held.failures.push(failed);
      return;
    }
    const before = held && this.em.isInTransaction() ? held.statements.splice(0) : [];
    try {
      await this.em.getConnection().execute([...before, statement].join(';\n'), [], 'run', this.em.getTransactionContext());
    } catch (error) {
      if (failed) failed(error);
      throw error;
    }
  }

  /**
   * Sends the statements held so far now, inside the unit of work's transaction: for a statement that must see
   * them and cannot carry them along (`executeWithHeld`), such as an update whose row count is wanted. Nothing to
   * do outside a transaction or when nothing is held; in a batch it has nothing to send before the batch does.
   */
  async flush(): Promise<void> {
    const held = pending.getStore();
    if (!held || held.batch || !this.em.isInTransaction() || held.statements.length === 0) return;
    const statements = held.statements.splice(0);
    await this.em.getConnection().execute(statements.join(';\n'), [], 'run', this.em.getTransactionContext());
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

  /**
   * Runs `work`, which writes only through `DeferredWrites`, holding every statement; then sends them all
   * as one simple-protocol query outside any transaction. PostgreSQL runs the statements of such a query
   * as one implicit transaction: all of them commit at its end (deferred constraints and triggers
   * included), or a failure of any rolls back all. A failure is reported as the first of the held
   * statements' `failed` that recognises it would have reported it, else as it is.
   */
  static async batch<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    const held = new Pending(true);
    const result = await pending.run(held, work);
    if (held.statements.length === 0) return result;
    try {
      await em.getConnection().execute(held.statements.join(';\n'), [], 'run');
    } catch (error) {
      for (const failed of held.failures) {
        try {
          failed(error);
        } catch (reported) {
          if (reported !== error) throw reported;
        }
      }
      throw error;
    }
    return result;
  }
}
