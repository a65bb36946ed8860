import { CompiledQuery } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';

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

/** The name of a statement made with `preparedStatement` from its text; undefined for any other text. */
export function preparedStatementName(text: string): string | undefined {
  return names.get(text);
}
