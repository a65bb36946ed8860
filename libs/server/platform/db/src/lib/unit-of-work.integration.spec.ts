import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { ormOptions } from './orm-config.js';
import { OutboxEventSchema } from './outbox.js';
import { MikroOrmUnitOfWork } from './unit-of-work.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('MikroOrmUnitOfWork', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(db.url, { entities: [OutboxEventSchema], migrations: [] }, 2));
    await orm.em.getConnection().execute('create table marks (n int not null)');
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
});
