import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { ormOptions } from './orm-config.js';
import { OutboxEventSchema } from './outbox.js';
import { MikroOrmUnitOfWork } from './unit-of-work.js';
import { DeferredWrites } from './deferred-writes.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('MikroOrmUnitOfWork', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(db.url, { entities: [OutboxEventSchema], migrations: [] }, 2));
    await orm.em.getConnection().execute('create table marks (n int not null)');
    await orm.em.getConnection().execute('create table notes (n int not null check (n >= 0), note text)');
  }, 30_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  // As in the app: the global, context-aware EntityManager inside a request context.
  const inContext = <T>(work: () => Promise<T>) => RequestContext.create(orm.em, work);
  const insert = (n: number) => orm.em.getConnection().execute('insert into marks values (?)', [n], 'run', orm.em.getTransactionContext());
  const count = async () => Number((await orm.em.getConnection().execute<{ c: string }[]>('select count(*) as c from marks'))[0].c);

  it('tries a transaction that lost a deadlock again, keeping only the successful attempt', async () => {
    const uow = new MikroOrmUnitOfWork(orm.em);
    let attempts = 0;
    const result = await inContext(() =>
      uow.run(async () => {
        attempts++;
        await insert(attempts);
        if (attempts === 1) throw deadlock();
        return 'done';
      }),
    );
    expect(result).toBe('done');
    expect(attempts).toBe(2);
    expect(await count()).toBe(1);
  });

  it('does not retry other errors, and rolls them back', async () => {
    const before = await count();
    let attempts = 0;
    await expect(
      inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          attempts++;
          await insert(0);
          throw new Error('nope');
        }),
      ),
    ).rejects.toThrow('nope');
    expect(attempts).toBe(1);
    expect(await count()).toBe(before);
  });

  it('gives up after its retries', async () => {
    let attempts = 0;
    await expect(
      inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          attempts++;
          throw deadlock();
        }),
      ),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(attempts).toBe(3);
  });

  describe('DeferredWrites', () => {
    const notes = async () => (await orm.em.getConnection().execute<{ n: number; note: string | null }[]>('select n, note from notes order by n')).map((r) => [r.n, r.note]);
    const seen = (n: number) => orm.em.getConnection().execute<{ c: string }[]>('select count(*) as c from notes where n = ?', [n], 'all', orm.em.getTransactionContext());
    beforeEach(() => orm.em.getConnection().execute('delete from notes'));

    it('holds inserts inside a unit of work and sends them before the commit, in order, with the work', async () => {
      const writes = new DeferredWrites(orm.em);
      await inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          await writes.insert('insert into notes (n, note) values (?, ?)', [1, "it's ? held, \\ a backslash, $$ dollars $$, \n a new line, 'quotes' and émoji 🎻"]);
          await writes.insert('insert into notes (n, note) values (?, ?)', [2, null]);
          // Held: not yet visible inside the transaction (which is why only unread rows may be deferred).
          expect(Number((await seen(1))[0].c)).toBe(0);
          await insert(7);
        }),
      );
      expect(await notes()).toEqual([
        [1, "it's ? held, \\ a backslash, $$ dollars $$, \n a new line, 'quotes' and émoji 🎻"],
        [2, null],
      ]);
    });

    it('rolls held inserts back with the work, and a failing held insert rolls the work back', async () => {
      const writes = new DeferredWrites(orm.em);
      const before = await count();
      await expect(
        inContext(() =>
          new MikroOrmUnitOfWork(orm.em).run(async () => {
            await writes.insert('insert into notes (n) values (?)', [3]);
            throw new Error('nope');
          }),
        ),
      ).rejects.toThrow('nope');
      await expect(
        inContext(() =>
          new MikroOrmUnitOfWork(orm.em).run(async () => {
            await insert(8);
            await writes.insert('insert into notes (n) values (?)', [4]);
            await writes.insert('insert into notes (n) values (?)', [-1]);
          }),
        ),
      ).rejects.toThrow(/notes_n_check/);
      expect(await notes()).toEqual([]);
      expect(await count()).toBe(before);
    });

    it('sends the held inserts with a statement that must go at once, which then sees them', async () => {
      const writes = new DeferredWrites(orm.em);
      await inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          await writes.insert('insert into notes (n) values (?)', [10]);
          await writes.executeWithHeld('insert into notes (n, note) select 11, ? where exists (select 1 from notes where n = 10)', ['after 10']);
          expect(Number((await seen(10))[0].c)).toBe(1);
          expect(Number((await seen(11))[0].c)).toBe(1);
        }),
      );
      expect(await notes()).toEqual([
        [10, null],
        [11, 'after 10'],
      ]);
      // Its failure fails the unit of work, held rows and all.
      await expect(
        inContext(() =>
          new MikroOrmUnitOfWork(orm.em).run(async () => {
            await writes.insert('insert into notes (n) values (?)', [12]);
            await writes.executeWithHeld('insert into notes (n) values (?)', [-12]);
          }),
        ),
      ).rejects.toThrow(/notes_n_check/);
      expect((await notes()).map(([n]) => n)).toEqual([10, 11]);
    });

    it('flushes the held inserts on demand, inside the transaction, for a statement that must see them', async () => {
      const writes = new DeferredWrites(orm.em);
      await expect(
        inContext(() =>
          new MikroOrmUnitOfWork(orm.em).run(async () => {
            await writes.insert('insert into notes (n) values (?)', [20]);
            await writes.insert('insert into notes (n) values (?)', [21]);
            expect(Number((await seen(20))[0].c)).toBe(0);
            await writes.flush();
            expect([Number((await seen(20))[0].c), Number((await seen(21))[0].c)]).toEqual([1, 1]);
            await writes.flush(); // nothing left: sends nothing
            await writes.insert('insert into notes (n) values (?)', [22]);
            throw new Error('nope');
          }),
        ),
      ).rejects.toThrow('nope');
      // Flushed rows are still the transaction's: they roll back with it.
      expect(await notes()).toEqual([]);
      // Outside a unit of work nothing is held, and flushing does nothing.
      await inContext(async () => {
        await writes.insert('insert into notes (n) values (?)', [23]);
        await writes.flush();
      });
      expect(await notes()).toEqual([[23, null]]);
    });

    describe('runWrites: work that only writes, as one implicit transaction in one round trip', () => {
      /** Every statement sent to PostgreSQL through the ORM's connection, and every transaction begun, while `work` runs. */
      const observed = async (work: () => Promise<unknown>) => {
        const connection = orm.em.getConnection();
        const { execute, begin } = connection;
        const sent: string[] = [];
        let begun = 0;
        // Own properties over the prototype's methods, deleted afterwards: the real methods do the work.
        connection.execute = function (this: typeof connection, ...args: Parameters<typeof execute>) {
          sent.push(String(args[0]));
          return execute.apply(this, args);
        } as typeof execute;
        connection.begin = function (this: typeof connection, ...args: Parameters<typeof begin>) {
          begun++;
          return begin.apply(this, args);
        } as typeof begin;
        try {
          const outcome = await work().then(
            (value) => ({ value, error: undefined as unknown }),
            (error: unknown) => ({ value: undefined, error }),
          );
          return { sent, begun, ...outcome };
        } finally {
          delete (connection as Partial<typeof connection>).execute;
          delete (connection as Partial<typeof connection>).begin;
        }
      };

      it('sends the held inserts and the statements that would go at once together, without begin or commit, and commits them all', async () => {
        const writes = new DeferredWrites(orm.em);
        const { sent, begun, error } = await observed(() =>
          inContext(() =>
            new MikroOrmUnitOfWork(orm.em).runWrites(async () => {
              await writes.insert('insert into notes (n, note) values (?, ?)', [20, "it's held"]);
              await writes.executeWithHeld('insert into notes (n) values (?)', [21]);
              await writes.insert('insert into notes (n) values (?)', [22]);
            }),
          ),
        );
        expect(error).toBeUndefined();
        expect(begun).toBe(0);
        expect(sent).toHaveLength(1);
        expect(sent[0]).not.toMatch(/\b(begin|commit)\b/i);
        expect(await notes()).toEqual([
          [20, "it's held"],
          [21, null],
          [22, null],
        ]);
      });

      it('rolls every write back when one fails, reporting it through the failing statement’s own translation', async () => {
        const writes = new DeferredWrites(orm.em);
        class Refused extends Error {}
        const translate = (error: unknown): never => {
          if (/notes_n_check/.test(String((error as Error).message))) throw new Refused('refused');
          throw error;
        };
        const ignores = (error: unknown): never => {
          throw error;
        };
        await expect(
          inContext(() =>
            new MikroOrmUnitOfWork(orm.em).runWrites(async () => {
              await writes.insert('insert into notes (n) values (?)', [30]);
              await writes.executeWithHeld('insert into notes (n) values (?)', [31], ignores);
              await writes.executeWithHeld('insert into notes (n) values (?)', [-32], translate);
            }),
          ),
        ).rejects.toBeInstanceOf(Refused);
        // Without a translation that recognises it, the error is PostgreSQL's own.
        await expect(
          inContext(() =>
            new MikroOrmUnitOfWork(orm.em).runWrites(async () => {
              await writes.executeWithHeld('insert into notes (n) values (?)', [-33], ignores);
            }),
          ),
        ).rejects.toThrow(/notes_n_check/);
        expect(await notes()).toEqual([]);
      });

      it('sends nothing when the work fails before its end, and nothing when it wrote nothing', async () => {
        const writes = new DeferredWrites(orm.em);
        const failed = await observed(() =>
          inContext(() =>
            new MikroOrmUnitOfWork(orm.em).runWrites(async () => {
              await writes.insert('insert into notes (n) values (?)', [40]);
              throw new Error('nope');
            }),
          ),
        );
        expect(failed.error).toEqual(new Error('nope'));
        const empty = await observed(() => inContext(() => new MikroOrmUnitOfWork(orm.em).runWrites(async () => 'nothing')));
        expect(empty.value).toBe('nothing');
        expect([...failed.sent, ...empty.sent]).toEqual([]);
        expect(await notes()).toEqual([]);
      });

      it('joins a transaction already open, as run does', async () => {
        const writes = new DeferredWrites(orm.em);
        const uow = new MikroOrmUnitOfWork(orm.em);
        await expect(
          inContext(() =>
            uow.run(async () => {
              await uow.runWrites(() => writes.insert('insert into notes (n) values (?)', [50]));
              await insert(9);
              throw new Error('roll the outer one back');
            }),
          ),
        ).rejects.toThrow('roll the outer one back');
        expect(await notes()).toEqual([]);
      });

      it('tries the whole batch again after losing a deadlock', async () => {
        const writes = new DeferredWrites(orm.em);
        let attempts = 0;
        await inContext(() =>
          new MikroOrmUnitOfWork(orm.em).runWrites(async () => {
            attempts++;
            await writes.insert('insert into notes (n) values (?)', [60 + attempts]);
            if (attempts === 1) throw deadlock();
          }),
        );
        expect(attempts).toBe(2);
        expect(await notes()).toEqual([[62, null]]);
      });
    });

    it('sends at once outside a unit of work', async () => {
      await inContext(async () => {
        await new DeferredWrites(orm.em).insert('insert into notes (n) values (?)', [5]);
        expect(Number((await seen(5))[0].c)).toBe(1);
      });
    });
  });
});
