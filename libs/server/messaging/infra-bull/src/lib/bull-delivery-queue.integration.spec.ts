import { Process, Processor } from '@nestjs/bull';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job } from 'bull';
import { Redis } from 'ioredis';
import { DeliveryQueue } from '@cadenza/server/messaging/domain';
import { Queues } from '@cadenza/server/platform/background';
import { RedisConfig } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { BullDeliveries, DELIVER_JOB, DELIVERY_QUEUE_NAME, DeliveryQueueModule, jobIdFor, type DeliveryJob } from './bull-delivery-queue.js';

/** Against the real Redis, under a key prefix of this run's own (others share the server). */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const seen: string[] = [];

@Processor(DELIVERY_QUEUE_NAME)
class RecordingProcessor {
  @Process({ name: DELIVER_JOB, concurrency: 2 })
  handle(job: Job<DeliveryJob>): void {
    seen.push(job.data.key);
  }
}

/** The module as an app composes it: the root, the queue's module, and (where jobs are taken) a processor. */
async function appWith(redis: RedisConfig, clock: Clock, processors: unknown[] = []): Promise<INestApplicationContext> {
  @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
  class ClockModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [{ module: ClockModule, global: true }, Queues.forRoot(redis), DeliveryQueueModule.register(redis)],
    providers: Queues.processors(redis, processors as never[]),
  }).compile();
  return moduleRef.init();
}

describe('the Bull queue of deliveries, through @nestjs/bull', () => {
  const clock = new FixedClock(new Date());
  let app: INestApplicationContext;

  beforeAll(async () => {
    app = await appWith(new RedisConfig(REDIS_URL, prefix), clock, [RecordingProcessor]);
  });

  afterAll(async () => {
    await app.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('keeps one job per key and due time however often it is enqueued, under the configured prefix', async () => {
    const queue = app.get(DeliveryQueue);
    const dueAt = new Date(clock.now().getTime() + 60_000);
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt }]);
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt }, { key: 'reminder:a:b:30:email', dueAt }]);
    const q = await app.get(BullDeliveries).connect();
    expect(await q?.getDelayedCount()).toBe(1);
    const job = await q?.getJob(jobIdFor('reminder:a:b:30:email', dueAt));
    expect(job?.data).toEqual({ key: 'reminder:a:b:30:email' });
    expect(job?.opts).toMatchObject({ attempts: 3, removeOnComplete: true });
    const redis = new Redis(REDIS_URL);
    expect((await redis.keys(`${prefix}:bull:${DELIVERY_QUEUE_NAME}:*`)).length).toBeGreaterThan(0);
    redis.disconnect();
    // Moved: a job of its own at the new time.
    await queue.enqueue([{ key: 'reminder:a:b:30:email', dueAt: new Date(dueAt.getTime() + 60_000) }]);
    expect(await q?.getDelayedCount()).toBe(2);
  });

  it('hands due jobs to the @Process method with their typed payload', async () => {
    await app.get(DeliveryQueue).enqueue([{ key: 'event:e:u:email', dueAt: clock.now() }]);
    const deadline = Date.now() + 10_000;
    while (!seen.includes('event:e:u:email') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['event:e:u:email']);
  });

  it('answers null, and the sweep takes over, when Redis does not answer; the process still stops at once', async () => {
    const away = await appWith(new RedisConfig('redis://127.0.0.1:1', prefix), clock, [RecordingProcessor]);
    const started = Date.now();
    expect(await away.get(BullDeliveries).connect()).toBeNull();
    expect(Date.now() - started).toBeLessThan(6_000);
    await away.get(DeliveryQueue).enqueue([{ key: 'k', dueAt: clock.now() }]);
    const closing = Date.now();
    await away.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
  });

  it('registers no queue and enqueues nothing without Redis', async () => {
    const none = await appWith(new RedisConfig(null, prefix), clock, [RecordingProcessor]);
    expect(await none.get(BullDeliveries).connect()).toBeNull();
    await none.get(DeliveryQueue).enqueue([{ key: 'k', dueAt: clock.now() }]);
    await none.close();
  });
});
