import { CompiledQuery } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool, PoolClient, QueryConfig } from 'pg';

/** Statement text → its name, for every statement made with `preparedStatement`. */
const names = new Map<string, string>();

/**
 * A hot read that PostgreSQL parses (and, once its plan is cached, plans) once per connection instead of on
 * every call. The ORM inlines parameters into the SQL it sends, so each call is a new statement to parse,
 * analyse and plan, which for the scheduling checks' one-statement reads costs PostgreSQL more than running
 * them. A prepared statement is sent with `$n` parameters under its name: each pooled connection prepares it
 * on first use and reuses it afterwards.
 *
 * Make them once, at module level: the name must be unique and the text constant.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  const known = [...names].find(([, n]) => n === name);
  if (known && known[0] !== text) throw new Error(`Two prepared statements are named ${name}.`);
  names.set(text, name);
  return { name, text };
}

/**
 * Runs a prepared statement inside the entity manager's transaction when there is one (so it sees the unit of
 * work's writes), on a pooled connection otherwise; returns its rows, parsed as the ORM's other reads are.
 */
export async function queryPrepared<T>(em: EntityManager, statement: PreparedStatement, params: readonly unknown[]): Promise<T[]> {
  const connection = em.getConnection();
  await connection.ensureConnection();
  const executor = em.getTransactionContext<{ executeQuery: (q: CompiledQuery) => Promise<{ rows: unknown[] }> }>() ?? connection.getClient();
  const result = await executor.executeQuery(CompiledQuery.raw(statement.text, [...params]));
  return result.rows as T[];
}

type QueryCallback = (error: Error | null, result?: unknown) => void;

/**
 * The pool hook on every new connection. It does two things to `client.query`, and leaves everything else as `pg` does it:
 *
 * - A text made by `preparedStatement` goes out as a named statement: the query builder hands `pg` a text and values.
 * - A call that asks for a promise (the query builder's every call) is answered through `pg`'s callback form, with a
 *   promise of our own. With the promise `pg` makes itself, every result survived V8's young-generation collections
 *   and was copied to the old generation, though nothing held it once read (a heap snapshot under the same load has
 *   none of it): each young collection during a free-slot load copied about 8 MB and paused the api for 15–25 ms
 *   (`--trace-gc-nvp`, `new_space_survived`). Through the callback form the results die young; the same load copies
 *   a few kilobytes. `pool.query`, which uses the callback form inside, never showed it. Cut down further, it is a
 *   `pg.Query` whose callback is set after the query is made (as `pg`'s promise form does) whose results survive; one
 *   made with its callback does not.
 */
export function hookPooledConnections(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Plan a prepared statement once too: PostgreSQL would otherwise keep making a custom plan per call for
    // these (costing more than running them) where the generic plan is the same. Only statements sent with
    // parameters are affected, and the ORM sends its own with the values written in. Queued before any other
    // statement on the new connection.
    query('set plan_cache_mode = force_generic_plan', () => undefined);
    (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof text === 'string' ? names.get(text) : undefined;
      const named: QueryConfig | null = name === undefined ? null : { name, text: text as string, values: Array.isArray(values) ? values : undefined };
      const given = typeof values === 'function' ? values : callback;
      // Callers with a callback, and submittables (cursors, streams), get what `pg` gives them.
      if (typeof given === 'function' || typeof (text as { submit?: unknown } | null)?.submit === 'function') {
        return named ? query(named, given) : query(text, values, callback);
      }
      return new Promise((resolve, reject) => {
        const done: QueryCallback = (error, result) => (error ? reject(error) : resolve(result));
        if (named) query(named, done);
        else query(text, values, done);
      });
    };
  });
}
