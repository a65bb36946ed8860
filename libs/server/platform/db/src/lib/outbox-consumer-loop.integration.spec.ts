import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { Clock } from '@cadenza/shared/kernel';
import { migrate } from './migrate.js';
import { ormOptions } from './orm-config.js';
import { outboxPersistence, OutboxEventSchema } from './outbox.js';
import { consumeOutbox, type ConsumedEvent } from './outbox-consumer.js';
import { OutboxConsumerLoop } from './outbox-consumer-loop.js';
import { OutboxSignal } from './outbox-signal.js';

class WallClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Records what it is handed; fails its first `failures` batches. */
class RecordingConsumer extends OutboxConsumerLoop {
  readonly handled: string[] = [];
  failures = 0;
  constructor(em: EntityManager, signal: OutboxSignal, pollMs: number) {
    super(em, signal, new WallClock(), { name: 'spec.dob', types: ['student.date_of_birth_changed.v1'], batch: 10, maxAgeMs: 60_000, pollMs, retryMs: 200 });
  }
  protected async handle(_schoolId: string, events: ConsumedEvent[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('the handler failed');
    }
    for (const event of events) this.handled.push(event.id);
  }
}

describe('OutboxConsumerLoop', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let writer: pg.Client;
  let signal: OutboxSignal;
  let consumer: RecordingConsumer | null = null;
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
    orm = await MikroORM.init(ormOptions(db.url, { entities: [OutboxEventSchema], migrations: [] }, 4));
  }, 30_000);

  afterEach(async () => {
    await consumer?.onModuleDestroy();
    consumer = null;
    await signal?.onModuleDestroy();
  });

  afterAll(async () => {
    await orm?.close(true);
    await writer?.end();
    await db?.drop();
  });

  const insertEvent = async (type: string, client = writer) => {
    const id = globalThis.crypto.randomUUID();
    await client.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, $3, '{}', now())`, [id, schoolId, type]);
    return id;
  };
  const until = async (done: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!done()) {
      if (Date.now() > end) throw new Error(`not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const started = (pollMs: number) => {
    signal = new OutboxSignal(db.url);
    consumer = new RecordingConsumer(orm.em, signal, pollMs);
    consumer.onApplicationBootstrap();
    return consumer;
  };

  it('handles its events as soon as they are committed, once, and leaves other types unclaimed', async () => {
    // A poll an hour away: only the wake-up can bring these in time.
    const loop = started(3_600_000);
    // The first pass, at start, finds nothing; let it end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const other = await insertEvent('lesson.cancelled.v1');
    const wanted = await insertEvent('student.date_of_birth_changed.v1');
    await until(() => loop.handled.includes(wanted), 5_000);
    expect(loop.handled.filter((id) => id === wanted)).toHaveLength(1);
    const claims = await writer.query('select event_id from outbox_consumptions where consumer = $1', ['spec.dob']);
    expect(claims.rows.map((r) => r.event_id)).toContain(wanted);
    expect(claims.rows.map((r) => r.event_id)).not.toContain(other);
  });

  it('tries a failed batch again after its retry delay, and handles it once', async () => {
    const loop = started(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    loop.failures = 1;
    const committed = Date.now();
    const wanted = await insertEvent('student.date_of_birth_changed.v1');
    await until(() => loop.handled.includes(wanted), 5_000);
    expect(loop.failures).toBe(0);
    // Woken at once, failed, and taken again only after the retry delay (200 ms), not by the hour-long poll.
    expect(Date.now() - committed).toBeGreaterThanOrEqual(190);
    expect(loop.handled.filter((id) => id === wanted)).toHaveLength(1);
  });

  describe('a claim looks only from its horizon on', () => {
    /** One claim of date-of-birth events by `consumer`, outside any loop: the ids it was handed. */
    const take = async (consumer: string, batch = 10) => {
      const handed: string[] = [];
      await consumeOutbox(orm.em, consumer, async (_school, events) => void handed.push(...events.map((e) => e.id)), {
        batch,
        maxAgeMs: 60_000,
        now: new Date(),
        types: ['student.date_of_birth_changed.v1'],
      });
      return handed;
    };
    const horizon = async (consumer: string) =>
      (await writer.query<{ h: string | null }>('select horizon::text as h from outbox_consumer_horizons where consumer = $1', [consumer])).rows[0]?.h ?? null;

    it('never passes over an event whose transaction commits after later events were claimed', async () => {
      await take('spec.late');
      const slow = new pg.Client({ connectionString: db.url });
      await slow.connect();
      try {
        // Written first (an earlier occurred_at, a lower transaction id), committed last.
        await slow.query('begin');
        const early = await insertEvent('student.date_of_birth_changed.v1', slow);
        const slowTx = BigInt((await slow.query<{ tx: string }>('select pg_current_xact_id()::text as tx')).rows[0].tx);
        const later = await insertEvent('student.date_of_birth_changed.v1');
        expect(await take('spec.late')).toEqual([later]);
        expect(await take('spec.late')).toEqual([]);
        // The horizon waits below the open transaction, whatever was claimed after it.
        expect(BigInt((await horizon('spec.late')) ?? '0')).toBeLessThanOrEqual(slowTx);
        await slow.query('commit');
        expect(await take('spec.late')).toEqual([early]);
        expect(await take('spec.late')).toEqual([]);
      } finally {
        await slow.end();
      }
    });

    it('moves its horizon only after a claim that took less than a batch', async () => {
      await take('spec.batches');
      const before = await horizon('spec.batches');
      expect(before).not.toBeNull();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await insertEvent('student.date_of_birth_changed.v1'));
      const first = await take('spec.batches', 2);
      expect(first).toHaveLength(2);
      // All three were committed before that claim, the third left for the next: a full batch leaves the horizon.
      expect(await horizon('spec.batches')).toBe(before);
      expect([...first, ...(await take('spec.batches', 2))].sort()).toEqual([...ids].sort());
      expect(await take('spec.batches', 2)).toEqual([]);
      expect(BigInt((await horizon('spec.batches')) ?? '0')).toBeGreaterThanOrEqual(BigInt(before ?? '0'));
    });
  });

  it('stops: no pass after onModuleDestroy, whatever is committed', async () => {
    const loop = started(3_600_000);
    await loop.onModuleDestroy();
    consumer = null;
    const wanted = await insertEvent('student.date_of_birth_changed.v1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loop.handled).not.toContain(wanted);
  });
});
