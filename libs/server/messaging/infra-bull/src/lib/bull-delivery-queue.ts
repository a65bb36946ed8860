import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type Bull from 'bull';
import { DeliveryQueue } from '@cadenza/server/messaging/domain';
import { RedisConfig } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';

export const DELIVERY_QUEUE_NAME = 'notification-deliveries';
const JOB = 'deliver';

/** A job's id: the send key and the instant it is due, so enqueueing the same send again is a no-op and a moved one gets its own job. */
export const jobIdFor = (key: string, dueAt: Date) => `${key}@${dueAt.getTime()}`;

/**
 * The Bull queue of deliveries, on `REDIS_URL` with keys under `<REDIS_KEY_PREFIX>:bull`
 * (tests give each run its own prefix). `connect` answers null when Redis is not configured
 * or does not answer within a few seconds: the sweep then delivers on its own.
 */
@Injectable()
export class BullDeliveries implements OnModuleDestroy {
  private readonly logger = new Logger('BullDeliveries');
  private queue: Bull.Queue<{ key: string }> | null = null;
  private connecting: Promise<Bull.Queue<{ key: string }> | null> | null = null;

  constructor(private readonly redis: RedisConfig) {}

  /** The queue, or null without Redis. */
  connect(): Promise<Bull.Queue<{ key: string }> | null> {
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<Bull.Queue<{ key: string }> | null> {
    if (!this.redis.url) return null;
    // Loaded only with Redis: the embedded default never pays for it (about 30 MB).
    const { default: BullQueue } = await import('bull');
    const queue = new BullQueue<{ key: string }>(DELIVERY_QUEUE_NAME, this.redis.url, { prefix: `${this.redis.keyPrefix}:bull` });
    let reported = false;
    queue.on('error', (error) => {
      // Once per outage is enough: ioredis keeps reconnecting by itself.
      if (!reported) this.logger.warn({ err: error.message }, 'queue error');
      reported = true;
    });
    queue.on('ready' as never, () => (reported = false));
    // isReady() resolves before the connection answers: ask Redis itself.
    const answers = queue
      .isReady()
      .then(() => queue.client.ping())
      .then(() => true)
      .catch(() => false);
    const ready = await Promise.race([answers, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000).unref())]);
    if (!ready) {
      this.logger.warn('Redis does not answer: deliveries run from the sweep alone');
      void queue.close(true).catch(() => undefined);
      queue.clients.forEach((client) => client.disconnect());
      return null;
    }
    this.queue = queue;
    return queue;
  }

  /** Runs `deliver` for each job, `concurrency` at a time. A stalled job may run twice: `deliver` is idempotent on its key. */
  async process(concurrency: number, deliver: (key: string) => Promise<void>): Promise<boolean> {
    const queue = await this.connect();
    if (!queue) return false;
    void queue.process(JOB, concurrency, async (job) => deliver(job.data.key));
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    const queue = this.queue ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.queue = null;
    await queue?.close().catch(() => undefined);
  }
}

/** The domain's queue on Bull: a delayed job per send, its id fixed by key and due time. */
@Injectable()
export class BullDeliveryQueue extends DeliveryQueue {
  constructor(
    private readonly bull: BullDeliveries,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enqueue(jobs: readonly { key: string; dueAt: Date }[]): Promise<void> {
    const queue = await this.bull.connect();
    if (!queue || jobs.length === 0) return;
    const now = this.clock.now().getTime();
    await queue.addBulk(
      jobs.map((job) => ({
        name: JOB,
        data: { key: job.key },
        opts: { jobId: jobIdFor(job.key, job.dueAt), delay: Math.max(0, job.dueAt.getTime() - now), removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
      })),
    );
  }
}
