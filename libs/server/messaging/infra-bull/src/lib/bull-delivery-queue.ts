import { InjectQueue } from '@nestjs/bull';
import { type DynamicModule, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { DeliveryQueue } from '@cadenza/server/messaging/domain';
import { queueAnswers, Queues } from '@cadenza/server/platform/background';
import { RedisConfig } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';

export const DELIVERY_QUEUE_NAME = 'notification-deliveries';
/** The one kind of job on the queue. */
export const DELIVER_JOB = 'deliver';

/** A delivery job's payload: the send's key in the delivery log. */
export interface DeliveryJob {
  key: string;
}

/** A job's id: the send key and the instant it is due, so enqueueing the same send again is a no-op and a moved one gets its own job. */
export const jobIdFor = (key: string, dueAt: Date) => `${key}@${dueAt.getTime()}`;

const DELIVERY_JOB_OPTIONS: JobOptions = { removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2_000 } };

/**
 * Whether deliveries go through Bull in this process: `connect` answers the queue once Redis answers,
 * or null without Redis (not configured, or silent for a few seconds): the sweep then delivers on its own.
 */
export abstract class BullDeliveries {
  abstract connect(): Promise<Queue<DeliveryJob> | null>;
}

/** With `REDIS_URL`: the queue `@nestjs/bull` registered, once it has answered. */
@Injectable()
export class RedisBullDeliveries extends BullDeliveries implements OnModuleDestroy {
  private readonly logger = new Logger('BullDeliveries');
  private answers: Promise<boolean> | null = null;

  constructor(@InjectQueue(DELIVERY_QUEUE_NAME) private readonly queue: Queue<DeliveryJob>) {
    super();
    this.answers = queueAnswers(queue, this.logger);
  }

  async connect(): Promise<Queue<DeliveryJob> | null> {
    return (await this.answers) ? this.queue : null;
  }

  /** Stops taking jobs and awaits those in flight before the database closes (Bull's own close at shutdown then finds it closed). */
  async onModuleDestroy(): Promise<void> {
    if (await this.answers) await this.queue.close().catch(() => undefined);
  }
}

/** Without `REDIS_URL`. */
export class NoBullDeliveries extends BullDeliveries {
  connect(): Promise<null> {
    return Promise.resolve(null);
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
        name: DELIVER_JOB,
        data: { key: job.key },
        opts: { jobId: jobIdFor(job.key, job.dueAt), delay: Math.max(0, job.dueAt.getTime() - now) },
      })),
    );
  }
}

/**
 * The delivery queue of a process, global: with `REDIS_URL` the Bull queue (`Queues.register`) and
 * `BullDeliveryQueue`; without, the queue that enqueues nothing, as the sweep sends what is due.
 * The app imports it once beside `Queues.forRoot`; the processor lives with the jobs (bridges).
 */
@Module({})
export class DeliveryQueueModule {
  static register(redis: RedisConfig): DynamicModule {
    const { imports, providers } = Queues.register(
      redis,
      { name: DELIVERY_QUEUE_NAME, defaultJobOptions: DELIVERY_JOB_OPTIONS },
      { withRedis: [{ provide: BullDeliveries, useClass: RedisBullDeliveries }], without: [{ provide: BullDeliveries, useClass: NoBullDeliveries }] },
    );
    return {
      module: DeliveryQueueModule,
      global: true,
      imports,
      providers: [...providers, { provide: DeliveryQueue, useClass: BullDeliveryQueue }],
      exports: [BullDeliveries, DeliveryQueue],
    };
  }
}
