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

    it('sends at once outside a unit of work', async () => {
      await inContext(async () => {
        await new DeferredWrites(orm.em).insert('insert into notes (n) values (?)', [5]);
        expect(Number((await seen(5))[0].c)).toBe(1);
      });
    });
  });
});
