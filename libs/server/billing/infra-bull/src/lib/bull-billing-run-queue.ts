import { InjectQueue } from '@nestjs/bull';
import { type DynamicModule, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { BillingRunQueue, type RunBatchRef } from '@cadenza/server/billing/domain';
import { answeringQueue, Queues } from '@cadenza/server/platform/background';
import { RedisConfig } from '@cadenza/server/platform/config';

export const BILLING_RUN_QUEUE_NAME = 'billing-runs';
/** The one kind of job on the queue: bill one batch of a run. */
export const BILL_BATCH_JOB = 'bill-batch';

/** A job's payload: the batch, named with its school (the job runs with that school in force). */
export type BillBatchJob = RunBatchRef;

/** A batch's job id: enqueuing it again while it waits or runs adds nothing; its effect is keyed by the batch's row anyway. */
export const billBatchJobId = (ref: RunBatchRef) => `${ref.runId}:${ref.batch}`;

const JOB_OPTIONS: JobOptions = { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };
/** A worker that dies holding a batch loses it within 10 seconds, when another worker takes the stalled job again. */
const QUEUE_SETTINGS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 };

/**
 * Whether batches go through Bull in this process: `connect` answers the queue once Redis answers, or null without
 * Redis: the process then bills what it hands on itself (`LocalBillingRuns`), and the sweep bills what is left.
 */
export abstract class BullBillingRuns {
  abstract connect(): Promise<Queue<BillBatchJob> | null>;
}

@Injectable()
export class RedisBullBillingRuns extends BullBillingRuns implements OnModuleDestroy {
  private readonly queue: ReturnType<typeof answeringQueue<BillBatchJob>>;

  constructor(@InjectQueue(BILLING_RUN_QUEUE_NAME) queue: Queue<BillBatchJob>) {
    super();
    this.queue = answeringQueue(queue, new Logger('BullBillingRuns'));
  }

  connect(): Promise<Queue<BillBatchJob> | null> {
    return this.queue.connect();
  }

  /** Stops taking jobs and awaits those in flight before the database closes. */
  onModuleDestroy(): Promise<void> {
    return this.queue.close();
  }
}

export class NoBullBillingRuns extends BullBillingRuns {
  connect(): Promise<null> {
    return Promise.resolve(null);
  }
}

/** Batches handed on in this process when there is no queue: whoever bills them here listens (the jobs, inline or in the worker). */
export class LocalBillingRuns {
  private readonly listeners = new Set<(batches: readonly RunBatchRef[]) => void>();

  listen(listener: (batches: readonly RunBatchRef[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hand(batches: readonly RunBatchRef[]): void {
    for (const listener of this.listeners) listener(batches);
  }
}

/** The domain's run queue: a Bull job per batch (its id fixed by the batch) with Redis; else the batches handed on in process. */
@Injectable()
export class BullBillingRunQueue extends BillingRunQueue {
  constructor(
    private readonly bull: BullBillingRuns,
    private readonly local: LocalBillingRuns,
  ) {
    super();
  }

  async enqueue(batches: readonly RunBatchRef[]): Promise<void> {
    if (batches.length === 0) return;
    const queue = await this.bull.connect();
    if (!queue) return this.local.hand(batches);
    await queue.addBulk(batches.map((ref) => ({ name: BILL_BATCH_JOB, data: { ...ref }, opts: { jobId: billBatchJobId(ref) } })));
  }
}

/**
 * The billing run queue of a process, global: with `REDIS_URL` the Bull queue and its jobs; without, the batches handed
 * on in process. The app and the worker import it once beside `Queues.forRoot`; the processor lives with the jobs.
 */
@Module({})
export class BillingRunQueueModule {
  static register(redis: RedisConfig): DynamicModule {
    const { imports, providers } = Queues.register(
      redis,
      { name: BILLING_RUN_QUEUE_NAME, defaultJobOptions: JOB_OPTIONS, settings: QUEUE_SETTINGS },
      { withRedis: [{ provide: BullBillingRuns, useClass: RedisBullBillingRuns }], without: [{ provide: BullBillingRuns, useClass: NoBullBillingRuns }] },
    );
    return {
      module: BillingRunQueueModule,
      global: true,
      imports,
      providers: [...providers, LocalBillingRuns, { provide: BillingRunQueue, useClass: BullBillingRunQueue }],
      exports: [BullBillingRuns, LocalBillingRuns, BillingRunQueue],
    };
  }
}
