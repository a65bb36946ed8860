import { Redis } from 'ioredis';
import { RedisConfig } from '@cadenza/server/platform/config';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { BullDeliveries, BullDeliveryQueue, DELIVERY_QUEUE_NAME, jobIdFor } from './bull-delivery-queue.js';

/** Against the real Redis, under a key prefix of this run's own (others share the server). */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

describe('the Bull queue of deliveries', () => {
  const bull = new BullDeliveries(new RedisConfig(REDIS_URL, prefix));
  const clock = new FixedClock(new Date());
  const queue = new BullDeliveryQueue(bull, clock);

  afterAll(async () => {
    await bull.onModuleDestroy();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('keeps one job per key and due time however often it is enqueued, under the configured prefix', async () => {
    const dueAt = new Date(clock.now().getTime() + 60_000);
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt }]);
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt }, { key: 'reminder:a:b:30:email', dueAt }]);
    const q = await bull.connect();
    expect(await q?.getDelayedCount()).toBe(1);
    expect((await q?.getJob(jobIdFor('reminder:a:b:30:email', dueAt)))?.data).toEqual({ key: 'reminder:a:b:30:email' });
    const redis = new Redis(REDIS_URL);
    expect((await redis.keys(`${prefix}:bull:${DELIVERY_QUEUE_NAME}:*`)).length).toBeGreaterThan(0);
    redis.disconnect();
    // Moved: a job of its own at the new time.
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt: new Date(dueAt.getTime() + 60_000) }]);
    expect(await q?.getDelayedCount()).toBe(2);
  });

  it('hands due jobs to the processor', async () => {
    const seen: string[] = [];
    expect(await bull.process(2, async (key) => void seen.push(key))).toBe(true);
    await queue.enqueue([{ key: 'event:e:u:email', dueAt: clock.now() }]);
    const deadline = Date.now() + 10_000;
    while (!seen.includes('event:e:u:email') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['event:e:u:email']);
  });

  it('answers null, and the sweep takes over, when Redis does not answer', async () => {
    const away = new BullDeliveries(new RedisConfig('redis://127.0.0.1:1', prefix));
    const started = Date.now();
    expect(await away.connect()).toBeNull();
    expect(Date.now() - started).toBeLessThan(6_000);
    await new BullDeliveryQueue(away, clock).enqueue([{ key: 'k', dueAt: clock.now() }]);
    await away.onModuleDestroy();
    expect(await new BullDeliveries(new RedisConfig(null, prefix)).connect()).toBeNull();
  });
});
