import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Logger, type Provider } from '@nestjs/common';
import type { AdvancedSettings, JobOptions, Queue } from 'bull';
import { RedisConfig } from '@cadenza/server/platform/config';

/** How long a queue's first answer from Redis may take before the process does without it. */
const FIRST_ANSWER_MS = 3_000;

/**
 * The one way Cadenza defines a queue: Bull through `@nestjs/bull`, on `REDIS_URL` with keys under
 * `<REDIS_KEY_PREFIX>:bull`. `Queues.forRoot(redis)` once per process (the api, the worker), then
 * `Queues.register(redis, { name, defaultJobOptions }, extra)` in the adapter module that owns the queue:
 * without Redis it registers nothing and gives `extra.without` instead (what does the work in process).
 * A processor is a `@Processor(name)` class with a `@Process({ name, concurrency })` method taking a typed
 * `Job<Payload>`, provided only where work is taken (the worker, or the api running the jobs inline).
 */
export class Queues {
  static forRoot(redis: RedisConfig): DynamicModule {
    if (!redis.url) return { module: Queues, global: true };
    return BullModule.forRoot({ url: redis.url, prefix: `${redis.keyPrefix}:bull` });
  }

  static register(redis: RedisConfig, queue: { name: string; defaultJobOptions?: JobOptions; settings?: AdvancedSettings }, providers: { withRedis: Provider[]; without: Provider[] }): { imports: DynamicModule[]; providers: Provider[] } {
    if (!redis.url) return { imports: [], providers: providers.without };
    return { imports: [BullModule.registerQueue({ name: queue.name, defaultJobOptions: queue.defaultJobOptions, settings: queue.settings })], providers: providers.withRedis };
  }

  /** Whether processors of the queues may be provided: only with Redis. */
  static processors<T>(redis: RedisConfig, processors: T[]): T[] {
    return redis.url ? processors : [];
  }
}

/**
 * Whether a queue answers: logs its errors once per outage (ioredis reconnects by itself), and resolves
 * true once Redis answers a ping, false after a few seconds without; then it lets the queue go (its
 * connections closed) so the process carries on without it and its stop never waits for Redis.
 */
export function queueAnswers(queue: Queue, logger: Logger): Promise<boolean> {
  let reported = false;
  queue.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error.message, queue: queue.name }, 'queue error');
    reported = true;
  });
  queue.on('ready' as never, () => (reported = false));
  // isReady() resolves before the connection answers: ask Redis itself.
  const answers = queue
    .isReady()
    .then(() => queue.client.ping())
    .then(() => true)
    .catch(() => false);
  return Promise.race([answers, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), FIRST_ANSWER_MS).unref())]).then((ready) => {
    if (!ready) {
      logger.warn({ queue: queue.name }, 'Redis does not answer: the queue is left unused');
      void queue.close(true).catch(() => undefined);
      queue.clients.forEach((client) => client.disconnect());
    }
    return ready;
  });
}

/** A queue once Redis has answered (`queueAnswers`), or null; `close` stops it taking jobs, awaiting those in flight, if it ever answered. */
export function answeringQueue<T>(queue: Queue<T>, logger: Logger): { connect(): Promise<Queue<T> | null>; close(): Promise<void> } {
  const answers = queueAnswers(queue, logger);
  return {
    connect: async () => ((await answers) ? queue : null),
    close: async () => {
      if (await answers) await queue.close().catch(() => undefined);
    },
  };
}
