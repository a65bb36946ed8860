import { MikroORM } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { Pool, QueryResult } from 'pg';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { ormOptions } from './orm-config.js';
import { OutboxEventSchema } from './outbox.js';
import { preparedStatement, queryPrepared } from './prepared-statements.js';

const PLUS_ONE = preparedStatement('spec_plus_one', 'select $1::int + 1 as n, $2::timestamptz as at');

describe('prepared statements', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(db.url, { entities: [OutboxEventSchema], migrations: [] }, 2));
  }, 30_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('runs under its name on the connection, prepared once, with parameters typed as the ORM reads them', async () => {
    await orm.em.fork().transactional(async (em) => {
      const at = new Date('2027-03-28T00:30:00Z');
      // Rows come back exactly as the ORM's plain-SQL reads give them (timestamps as PostgreSQL prints them).
      const viaOrm = await em.getConnection().execute(`select 41 + 1 as n, '2027-03-28T00:30:00Z'::timestamptz as at`, [], 'all', em.getTransactionContext());
      expect(await queryPrepared(em, PLUS_ONE, [41, at])).toEqual(viaOrm);
      expect(await queryPrepared(em, PLUS_ONE, [1, at])).toEqual([{ ...viaOrm[0], n: 2 }]);
      const prepared = await em.getConnection().execute<{ name: string; statement: string }[]>(
        'select name, statement from pg_prepared_statements',
        [],
        'all',
        em.getTransactionContext(),
      );
      expect(prepared).toEqual([{ name: 'spec_plus_one', statement: PLUS_ONE.text }]);
      // Planned once: the connection uses the generic plan for prepared statements.
      const [mode] = await em.getConnection().execute<{ plan_cache_mode: string }[]>('show plan_cache_mode', [], 'all', em.getTransactionContext());
      expect(mode.plan_cache_mode).toBe('force_generic_plan');
    });
  });

  it('sees the writes of the transaction it runs in', async () => {
    const SEEN = preparedStatement('spec_count_temp', 'select count(*)::int as n from pg_temp.seen where note = $1');
    await orm.em.fork().transactional(async (em) => {
      const run = (sql: string) => em.getConnection().execute(sql, [], 'run', em.getTransactionContext());
      await run('create temporary table seen (note text) on commit drop');
      await run(`insert into seen values ('here')`);
      expect(await queryPrepared(em, SEEN, ['here'])).toEqual([{ n: 1 }]);
    });
  });

  it("answers promise calls through pg's callback form, refusals included, and leaves callback calls as pg has them", async () => {
    const em = orm.em.fork();
    const connection = em.getConnection();
    await connection.ensureConnection();
    // The query builder's path: promise calls on pooled clients.
    const builder = connection.getClient();
    expect((await builder.executeQuery<{ n: number }>(CompiledQuery.raw('select $1::int * 2 as n', [21]))).rows).toEqual([{ n: 42 }]);
    await expect(builder.executeQuery(CompiledQuery.raw('select * from nowhere_at_all', []))).rejects.toMatchObject({ code: '42P01' });
    await expect(queryPrepared(em, PLUS_ONE, ['not a number', new Date()])).rejects.toMatchObject({ code: '22P02' });
    // Straight on a pooled client: a callback call, a promise call and a named statement, after those refusals.
    const pool = (await connection.getNativeClient()) as Pool;
    const client = await pool.connect();
    try {
      const viaCallback = await new Promise<QueryResult>((resolve, reject) => client.query('select 7 as n', (error: Error | null, result: QueryResult) => (error ? reject(error) : resolve(result))));
      expect(viaCallback.rows).toEqual([{ n: 7 }]);
      expect((await client.query('select $1::text as s', ['promise'])).rows).toEqual([{ s: 'promise' }]);
      expect((await client.query(PLUS_ONE.text, [6, new Date('2027-01-01T00:00:00Z')])).rows[0]).toMatchObject({ n: 7 });
      const prepared = await client.query('select name from pg_prepared_statements');
      expect(prepared.rows.map((r: { name: string }) => r.name)).toContain('spec_plus_one');
    } finally {
      client.release();
    }
  });

  it('refuses a second statement under a name already taken', () => {
    expect(() => preparedStatement('spec_plus_one', 'select 1')).toThrow(/Two prepared statements are named spec_plus_one/);
  });
});
