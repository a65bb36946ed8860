import type { Pool, PoolClient, QueryConfig } from 'pg';
import { preparedStatementName } from './prepared-statements.js';

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
      const name = typeof text === 'string' ? preparedStatementName(text) : undefined;
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
