import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { migrate } from './migrate.js';
import { OutboxSignal } from './outbox-signal.js';
import { outboxPersistence } from './outbox.js';

describe('OutboxSignal', () => {
  let db: TestDatabase;
  let writer: pg.Client;
  let signal: OutboxSignal;
  let schoolId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    // The outbox references schools; a bare table is enough here.
    await writer.query('create table schools (id uuid primary key)');
    await migrate(db.url, outboxPersistence);
    schoolId = globalThis.crypto.randomUUID();
    await writer.query('insert into schools (id) values ($1)', [schoolId]);
  }, 30_000);

  afterEach(async () => {
    await signal?.onModuleDestroy();
  });

  afterAll(async () => {
    await writer?.end();
    await db?.drop();
  });

  const insertEvent = (type = 'test.v1') =>
    writer.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, $3, '{}', now())`, [
      globalThis.crypto.randomUUID(),
      schoolId,
      type,
    ]);

  /** Resolves with the number of wake-ups seen once `count` arrived (or rejects after `ms`). */
  const listening = async (types?: string[]) => {
    let seen = 0;
    const waiters: (() => void)[] = [];
    signal = new OutboxSignal(db.url);
    signal.subscribe(
      () => {
        seen++;
        waiters.splice(0).forEach((w) => w());
      },
      { types },
    );
    // The first wake-up comes once the listener is connected.
    await new Promise<void>((resolve) => waiters.push(resolve));
    return {
      seen: () => seen,
      next: (ms: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no wake-up within ${ms} ms`)), ms);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
    };
  };

  it('wakes its listeners when a transaction that wrote outbox events commits, not before', async () => {
    const wakes = await listening();
    const before = wakes.seen();
    await writer.query('begin');
    await insertEvent();
    await insertEvent();
    // Still uncommitted: a round trip on another connection gives a notification time to arrive if one were sent.
    await writer.query('select 1');
    expect(wakes.seen()).toBe(before);
    const woken = wakes.next(5_000);
    await writer.query('commit');
    await woken;
    // Two rows, one transaction: one notification.
    await writer.query('select pg_sleep(0.05)');
    expect(wakes.seen()).toBe(before + 1);
  });

  it('stays silent for a transaction that rolls back', async () => {
    const wakes = await listening();
    const before = wakes.seen();
    await writer.query('begin');
    await insertEvent();
    await writer.query('rollback');
    await writer.query('select pg_sleep(0.1)');
    expect(wakes.seen()).toBe(before);
  });

  it('reconnects when its connection is cut, and wakes its listeners on return', async () => {
    const wakes = await listening();
    const before = wakes.seen();
    const back = wakes.next(10_000);
    await writer.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'cadenza-outbox-listener' and datname = current_database()`);
    await back;
    expect(wakes.seen()).toBe(before + 1);
    const woken = wakes.next(5_000);
    await insertEvent();
    await woken;
  }, 20_000);

  it('wakes a listener of some types only for commits that wrote events of those types', async () => {
    const wakes = await listening(['wanted.v1']);
    const before = wakes.seen();
    // Others' events: no wake-up. Notifications arrive in commit order on the one connection, so once a later
    // event's wake-up reached another listener of the same signal, any for the others' events would have arrived.
    await insertEvent('other.v1');
    await insertEvent('another.v1');
    const marker = new Promise<void>((resolve) => signal.subscribe(resolve, { types: ['marker.v1'] }));
    await insertEvent('marker.v1');
    await marker;
    expect(wakes.seen()).toBe(before);
    // One of its types among others in one transaction: woken once.
    const woken = wakes.next(5_000);
    await writer.query('begin');
    await insertEvent('other.v1');
    await insertEvent('wanted.v1');
    await insertEvent('wanted.v1');
    await writer.query('commit');
    await woken;
    await writer.query('select pg_sleep(0.05)');
    expect(wakes.seen()).toBe(before + 1);
  });
});
