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

/**
 * The pool hook that gives prepared statements their names: the query builder hands `pg` a text and values,
 * and a text made by `preparedStatement` goes out as a named statement instead. Everything else is untouched.
 */
export function namePreparedStatements(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Plan a prepared statement once too: PostgreSQL would otherwise keep making a custom plan per call for
    // these (costing more than running them) where the generic plan is the same. Only statements sent with
    // parameters are affected, and the ORM sends its own with the values written in. Queued before any other
    // statement on the new connection.
    void (query('set plan_cache_mode = force_generic_plan') as Promise<unknown>).catch(() => undefined);
    (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof text === 'string' ? names.get(text) : undefined;
      if (name === undefined) return query(text, values, callback);
      const config: QueryConfig = { name, text: text as string, values: values as unknown[] };
      return callback === undefined ? query(config) : query(config, callback);
    };
  });
}
