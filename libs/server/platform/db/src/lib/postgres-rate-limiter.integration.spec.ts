import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { MINUTE } from '@cadenza/shared/kernel';
import { migrate } from './migrate.js';
import { ormOptions } from './orm-config.js';
import { OutboxEventSchema } from './outbox.js';
import { PostgresRateLimiter, rateLimitPersistence } from './postgres-rate-limiter.js';

describe('PostgresRateLimiter', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let limiter: PostgresRateLimiter;
  const now = new Date('2026-12-07T10:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    // The ORM wants an entity; the outbox's schema is only declared, its table is never made here.
    const parts = { entities: [OutboxEventSchema], migrations: rateLimitPersistence.migrations };
    await migrate(db.url, parts);
    orm = await MikroORM.init(ormOptions(db.url, parts, 10));
    limiter = new PostgresRateLimiter(orm.em);
  }, 60_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  // As in the app: the global, context-aware EntityManager inside a request context.
  const inContext = <T>(work: () => Promise<T>) => RequestContext.create(orm.em, work);

  it('grants no more turns than the limit to takes that arrive together', async () => {
    const limit = { key: 'race', burst: 5, everyMs: 3 * MINUTE };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => inContext(() => limiter.take([limit], now))));
    expect(decisions.filter((d) => d.granted)).toHaveLength(5);
    expect(decisions.filter((d) => !d.granted)).toEqual(Array(15).fill({ granted: false, retryAfterMs: 3 * MINUTE }));
  }, 60_000);

  it('takes from every key or none, also when racing over overlapping keys', async () => {
    const shared = { key: 'shared', burst: 4, everyMs: MINUTE };
    const own = (n: number) => ({ key: `own-${n}`, burst: 1, everyMs: MINUTE });
    const decisions = await Promise.all(Array.from({ length: 8 }, (_, n) => inContext(() => limiter.take([own(n % 2), shared], now))));
    // Each own key grants once, so two takes win and leave two of the shared key's four turns.
    expect(decisions.filter((d) => d.granted)).toHaveLength(2);
    expect(await inContext(() => limiter.take([shared], now))).toEqual({ granted: true });
    expect(await inContext(() => limiter.take([shared], now))).toEqual({ granted: true });
    expect(await inContext(() => limiter.take([shared], now))).toMatchObject({ granted: false });
  }, 60_000);

  it('refills at its pace, gives a turn back and forgets a key', async () => {
    const limit = { key: 'pace', burst: 2, everyMs: MINUTE };
    await inContext(async () => {
      expect(await limiter.take([limit], now)).toEqual({ granted: true });
      expect(await limiter.take([limit], now)).toEqual({ granted: true });
      expect(await limiter.take([limit], now)).toEqual({ granted: false, retryAfterMs: MINUTE });
      expect(await limiter.take([limit], new Date(now.getTime() + MINUTE))).toEqual({ granted: true });
      await limiter.giveBack([limit], new Date(now.getTime() + MINUTE));
      expect(await limiter.take([limit], new Date(now.getTime() + MINUTE))).toEqual({ granted: true });
      await limiter.forget(['pace']);
      expect(await limiter.take([limit], new Date(now.getTime() + MINUTE))).toEqual({ granted: true });
    });
  }, 60_000);

  it('commits its turn at once, even inside a transaction that later fails', async () => {
    const limit = { key: 'inside', burst: 1, everyMs: MINUTE };
    await expect(
      inContext(() =>
        orm.em.transactional(async () => {
          await limiter.take([limit], now);
          throw new Error('the work failed');
        }),
      ),
    ).rejects.toThrow('the work failed');
    expect(await inContext(() => limiter.take([limit], now))).toMatchObject({ granted: false });
  }, 60_000);
});
